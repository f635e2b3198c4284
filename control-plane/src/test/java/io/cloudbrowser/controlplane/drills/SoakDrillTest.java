package io.cloudbrowser.controlplane.drills;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudbrowser.controlplane.testing.LeftoverProcesses;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The soak drill's short variant in the suite: two sessions for 40 s (the command runs 10 for 30 minutes). */
@ExtendWith(LeftoverProcesses.class)
class SoakDrillTest {
    @Test
    void twoDrivenAndWatchedSessionsStayResponsiveAndFlat() throws Exception {
        SoakDrill.Result r = SoakDrill.run(2, Duration.ofSeconds(40), Duration.ofSeconds(10));
        System.out.print(r.table());
        assertTrue(r.held(), r.table());
    }
}
