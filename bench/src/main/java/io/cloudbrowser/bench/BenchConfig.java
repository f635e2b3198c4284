package io.cloudbrowser.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does, read from the environment by {@link #fromEnv}; bench/README.md documents each
 * setting.
 *
 * @param browserdJar    the daemon under test, run as a child process ({@code BENCH_BROWSERD_JAR})
 * @param browserdJavaOptions JVM options for that process, blank-separated ({@code BENCH_BROWSERD_JAVA_OPTS},
 *                       none; for profiling it, e.g. {@code -XX:StartFlightRecording=filename=b.jfr})
 * @param chromium       the browser both browserd and the in-process baseline launch ({@code CHROMIUM_PATH})
 * @param samples        measured input-latency samples per figure ({@code BENCH_SAMPLES}, 200)
 * @param warmup         discarded samples before each series ({@code BENCH_WARMUP}, 30)
 * @param roundTrips     measured command round trips per side ({@code BENCH_ROUND_TRIPS}, 500)
 * @param windowSeconds  length of each frame-delivery window ({@code BENCH_WINDOW_SECONDS}, 10)
 */
public record BenchConfig(Path browserdJar, List<String> browserdJavaOptions, Path chromium, int samples, int warmup, int roundTrips, int windowSeconds) {
    public BenchConfig {
        browserdJavaOptions = List.copyOf(browserdJavaOptions);
        if (!Files.isRegularFile(browserdJar)) {
            throw new IllegalArgumentException("BENCH_BROWSERD_JAR: " + browserdJar + " (expected: an existing file; "
                    + "run `mvn -pl browserd -am package -DskipTests`)");
        }
        if (!Files.isExecutable(chromium)) {
            throw new IllegalArgumentException("CHROMIUM_PATH: " + chromium + " (expected: an executable)");
        }
        check("BENCH_SAMPLES", samples, 20, 100_000);
        check("BENCH_WARMUP", warmup, 0, 10_000);
        check("BENCH_ROUND_TRIPS", roundTrips, 20, 100_000);
        check("BENCH_WINDOW_SECONDS", windowSeconds, 2, 600);
    }

    public static BenchConfig fromEnv(Map<String, String> env) {
        return new BenchConfig(
                Path.of(env.getOrDefault("BENCH_BROWSERD_JAR", "../browserd/target/browserd.jar")).toAbsolutePath(),
                Arrays.stream(env.getOrDefault("BENCH_BROWSERD_JAVA_OPTS", "").trim().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList(),
                Path.of(env.getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")),
                intOf(env, "BENCH_SAMPLES", 200), intOf(env, "BENCH_WARMUP", 30),
                intOf(env, "BENCH_ROUND_TRIPS", 500), intOf(env, "BENCH_WINDOW_SECONDS", 10));
    }

    private static int intOf(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + v + "' (expected: an integer)");
        }
    }

    private static void check(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + ".." + max + ")");
        }
    }
}
