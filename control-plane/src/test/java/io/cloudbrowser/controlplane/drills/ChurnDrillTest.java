package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The churn drill's short variant (the command runs 100 cycles): nothing leaks across create -> delete cycles. */
@ExtendWith(LeftoverProcesses.class)
class ChurnDrillTest {
    @Test
    void sixCyclesLeaveNoProcessDirectoryDescriptorOrThreadBehind() throws Exception {
        ChurnDrill.Result r = ChurnDrill.run(6);
        System.out.print(r.table());
        assertTrue(r.held(), r.table());
    }
}
