package io.cloudbrowser.controlplane.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the local sandbox provider (browserd as a child process).
 *
 * @param jvmOptions JVM options for each browserd
 */
public record LocalProviderConfig(Path browserdJar, Path javaCommand, List<String> jvmOptions) {
    public LocalProviderConfig {
        Objects.requireNonNull(browserdJar, "browserdJar");
        Objects.requireNonNull(javaCommand, "javaCommand");
        jvmOptions = List.copyOf(jvmOptions);
        jvmOptions.forEach(LocalProviderConfig::checkJvmOption);
    }

    private static void checkJvmOption(String option) {
        if (!option.startsWith("-") || option.equals("-jar")) {
            throw new IllegalArgumentException("sandboxJvmOptions: '" + option + "' (expected: JVM options like -Xmx512m)");
        }
    }
}
