package io.cloudbrowser.browserd.server;

/**
 * Handler names of a browserd connection, in pipeline order:
 * <pre>
 * deadline        RequestDeadline's first half: a request must arrive whole within 10 s (of the connection's
 *                 start or its first byte); gone after the upgrade
 * http-codec      HttpServerCodec
 * http-aggregator HttpObjectAggregator (requests are small: health, admin, static files, the upgrade)
 * complete        ... its second half: the request is whole, the deadline is off
 * http-router     HttpRouter: /health, /admin/*, static files; authenticates /ws before the upgrade
 * ws-protocol     WebSocketServerProtocolHandler (handshake, ping/pong, close, frame size limit -> 1009)
 * ws-aggregator   WebSocketFrameAggregator (continuation frames, same size limit)
 * ws-session      WebSocketSessionHandler: frames to the session, keep-latest frames back
 * </pre>
 */
public final class PipelineNames {
    public static final String DEADLINE = "deadline";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String REQUEST_COMPLETE = "complete";
    public static final String HTTP_ROUTER = "http-router";
    public static final String WS_PROTOCOL = "ws-protocol";
    public static final String WS_AGGREGATOR = "ws-aggregator";
    public static final String WS_SESSION = "ws-session";

    private PipelineNames() {
    }
}
