package io.cloudbrowser.browserd.server;

/**
 * Handler names of a browserd connection, in pipeline order:
 * <pre>
 * http-codec      HttpServerCodec
 * http-aggregator HttpObjectAggregator (requests are small: health, admin, static files, the upgrade)
 * http-router     HttpRouter: /health, /admin/*, static files; authenticates /ws before the upgrade
 * ws-protocol     WebSocketServerProtocolHandler (handshake, ping/pong, close, frame size limit -> 1009)
 * ws-aggregator   WebSocketFrameAggregator (continuation frames, same size limit)
 * ws-session      WebSocketSessionHandler: frames to the session, keep-latest frames back
 * </pre>
 */
public final class PipelineNames {
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String HTTP_ROUTER = "http-router";
    public static final String WS_PROTOCOL = "ws-protocol";
    public static final String WS_AGGREGATOR = "ws-aggregator";
    public static final String WS_SESSION = "ws-session";

    private PipelineNames() {
    }
}
