package io.cloudbrowser.controlplane.server;

/**
 * Names of the handlers in a connection's pipeline, in order:
 * <pre>
 *   deadline    RequestDeadline's first half: a request must arrive whole within 10 s of its first byte ...
 *   idle        IdleStateHandler: an HTTP connection idle this long ...
 *   idleCloser  ... is closed
 *   httpCodec   HttpServerCodec
 *   aggregator  JsonObjectAggregator: whole requests, JSON 413 when too large
 *   complete    ... its second half: the request is whole, the deadline is off
 *   api         ApiHttpHandler: /health, /ready, /api/**, static files, and the WebSocket gateway,
 *               which replaces every handler above with a byte relay to the sandbox
 * </pre>
 */
public final class HandlerNames {
    public static final String DEADLINE = "deadline";
    public static final String IDLE = "idle";
    public static final String IDLE_CLOSER = "idleCloser";
    public static final String HTTP_CODEC = "httpCodec";
    public static final String AGGREGATOR = "aggregator";
    public static final String REQUEST_COMPLETE = "complete";
    public static final String API = "api";

    private HandlerNames() {
    }
}
