package io.cloudbrowser.browserd.browser;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that owns Playwright. Playwright for Java is not thread-safe and dispatches its events only
 * while its owner is inside a Playwright call, so every browser task runs here, one at a time, in order;
 * when idle for a while the thread calls {@code idlePump} so queued Playwright events (dialogs) are handled.
 * Nothing latency-critical depends on this thread: frames and input use the raw CDP connection.
 */
public final class BrowserThread implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrowserThread.class);
    private static final long IDLE_PUMP_MS = 250;
    private static final Runnable STOP = () -> { };

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Runnable idlePump = () -> { };

    public BrowserThread() {
        thread = new Thread(this::loop, "browser");
        thread.setDaemon(true);
        thread.start();
    }

    public void setIdlePump(Runnable pump) {
        this.idlePump = pump;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        while (true) {
            Runnable task;
            try {
                task = tasks.poll(IDLE_PUMP_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                (task != null ? task : idlePump).run();
            } catch (RuntimeException e) {
                log.warn("browser task failed", e);
            }
        }
    }

    /** Runs what is queued, then ends the thread. */
    @Override
    public void close() {
        if (isCurrent()) {
            throw new IllegalStateException("BrowserThread.close() called from the browser thread");
        }
        tasks.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
