package io.cloudbrowser.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudbrowser.controlplane.testing.ChildControlPlane.Exited;
import io.cloudbrowser.controlplane.testing.ChildControlPlane;
import io.cloudbrowser.controlplane.testing.TestEnvironment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The process as an operator starts it: a wrong setting exits 2 with one line that names it. */
class MainTest {
    static List<Arguments> wrongSettings() {
        return List.of(
                Arguments.of(Map.of("CP_SANDBOX_PROVIDER", "docker"),
                        "control-plane: CP_SANDBOX_PROVIDER: 'docker' (expected: one of local)"),
                Arguments.of(Map.of("CP_DATABASE_URL", "mysql://db/cloudbrowser"),
                        "control-plane: CP_DATABASE_URL: not a supported JDBC URL (expected: empty for the embedded H2"
                                + " file, or jdbc:postgresql://... or jdbc:h2:...)"),
                Arguments.of(Map.of("CP_DATABASE_URL", "jdbc:h2:"),
                        "control-plane: CP_DATABASE_URL: not a supported JDBC URL (expected: empty for the embedded H2"
                                + " file, or jdbc:postgresql://... or jdbc:h2:...)"),
                Arguments.of(Map.of("CP_PORT", "eighty"), "control-plane: CP_PORT: 'eighty' (expected: an integer)"));
    }

    @ParameterizedTest
    @MethodSource("wrongSettings")
    void aWrongSettingExits2WithOneLineNamingIt(Map<String, String> env, String line) {
        Exited exited = ChildControlPlane.runToExit(env, "--data-dir", TestEnvironment.newDataDir("main").toString());
        assertEquals(2, exited.code(), String.join("\n", exited.output()));
        assertEquals(List.of(line), exited.output());
    }
}
