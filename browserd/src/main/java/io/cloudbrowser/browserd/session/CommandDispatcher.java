package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.browser.BrowserHost;
import io.cloudbrowser.browserd.protocol.Inbound;
import io.cloudbrowser.browserd.protocol.Outbound;
import io.cloudbrowser.browserd.protocol.ProtocolException;
import io.cloudbrowser.protocol.ErrorCode;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts commands on the browser thread's one queue and answers each sender in queue order. At most
 * {@code maxQueuedCommands} wait or run at once (more are {@code rate_limited} at once); a command counts as
 * activity for as long as it runs. Results are sent from the browser thread.
 */
final class CommandDispatcher {
    private final BrowserHost host;
    private final Activity activity;
    private final int maxQueued;
    private final AtomicInteger queued = new AtomicInteger();

    CommandDispatcher(BrowserHost host, Activity activity, int maxQueued) {
        this.host = host;
        this.activity = activity;
        this.maxQueued = maxQueued;
    }

    /** Queues a command the caller may send (the lease was checked); its result or error goes to {@code c}. */
    void dispatch(Client c, Inbound.Command cmd) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            c.sink().send(Outbound.error(cmd.id(), ErrorCode.RATE_LIMITED, "more than " + maxQueued + " commands queued"));
            return;
        }
        activity.commandStarted();
        host.command(cmd.method(), cmd.params()).whenComplete((result, error) -> {
            queued.decrementAndGet();
            activity.commandFinished();
            c.sink().send(error == null ? Outbound.result(cmd.id(), result) : errorResult(cmd.id(), error));
        });
    }

    private static String errorResult(String id, Throwable error) {
        if (error instanceof ProtocolException p) {
            return Outbound.error(id, p.code(), p.getMessage());
        }
        return Outbound.error(id, ErrorCode.COMMAND_FAILED, String.valueOf(error.getMessage()));
    }
}
