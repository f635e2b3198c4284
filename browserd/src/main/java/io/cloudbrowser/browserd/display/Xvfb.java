package io.cloudbrowser.browserd.display;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An X virtual framebuffer owned by this process. Xvfb picks a free display itself ({@code -displayfd}),
 * so several browserd processes on one machine never race for a display number.
 */
public final class Xvfb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Xvfb.class);

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    public static Xvfb start(int width, int height) throws IOException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp", "-noreset", "-ac")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> readLine(p));
        try {
            String number = line.get(10, TimeUnit.SECONDS);
            if (number == null || !number.trim().matches("\\d+")) {
                throw new IOException("Xvfb did not report a display (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
            }
            Xvfb xvfb = new Xvfb(p, ":" + number.trim());
            log.info("Xvfb started on display {} ({}x{})", xvfb.display, width, height);
            return xvfb;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting Xvfb", e);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not start within 10 s", e);
        } catch (IOException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static String readLine(Process p) {
        try {
            return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    public String display() {
        return display;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        log.info("Xvfb on display {} stopped", display);
    }
}
