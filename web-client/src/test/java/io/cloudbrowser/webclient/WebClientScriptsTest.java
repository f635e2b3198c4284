package io.cloudbrowser.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the web client's JavaScript checks from Maven, so they are part of the build without
 * npm: {@code node --check} on every module and {@code node --test} on src/test/js. A machine
 * without Node 20+ skips them with a message instead of failing the build.
 */
class WebClientScriptsTest {

    private static final int MIN_NODE_MAJOR = 20;
    private static final Path WEB = Path.of("src/main/resources/web");
    private static final Path JS_TESTS = Path.of("src/test/js");

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "viewer.html", "sessions.js", "viewer.js", "style.css"})
    void pagesArePackagedUnderWebOnTheClasspath(String file) {
        assertNotNull(getClass().getResource("/web/" + file), "/web/" + file + " on the classpath");
    }

    @TestFactory
    Stream<DynamicTest> everyModuleParses() throws IOException {
        assumeNode();
        return jsFiles(WEB, ".js").stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> assertNodeSucceeds(List.of("--check", file.toString()))));
    }

    @Test
    void unitTestsPass() throws Exception {
        assumeNode();
        List<String> args = new ArrayList<>(List.of("--test"));
        jsFiles(JS_TESTS, ".test.js").forEach(file -> args.add(file.toString()));
        assertNodeSucceeds(args);
    }

    private static List<Path> jsFiles(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void assumeNode() {
        int major = nodeMajorVersion();
        assumeTrue(major >= MIN_NODE_MAJOR, "node " + MIN_NODE_MAJOR + "+ is not on PATH (found: "
                + (major < 0 ? "none" : major) + "): skipping the web client's JavaScript checks");
    }

    /** The major version of `node` on PATH, or -1 when there is none. */
    private static int nodeMajorVersion() {
        try {
            String version = run(List.of("--version")).output.trim(); // "v20.20.2"
            return Integer.parseInt(version.substring(1, version.indexOf('.')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void assertNodeSucceeds(List<String> args) throws IOException {
        Result result = run(args);
        assertEquals(0, result.exitCode, () -> "node " + String.join(" ", args) + "\n" + result.output);
    }

    private static Result run(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("node " + args + " did not finish within 2 minutes");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running node", e);
        }
    }

    private record Result(int exitCode, String output) {}
}
