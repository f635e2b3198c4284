package io.cloudbrowser.controlplane.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.util.Optional;

/** Takes over a connection whose request asks for a WebSocket on a path it serves (the gateway). */
public interface UpgradeHandler {
    /** The session id when {@code path} is the gateway's, for any method. */
    Optional<String> sessionIdOf(String path);

    /**
     * Owns the connection from now on; {@code request} is released by the caller after this returns,
     * so retain what is kept.
     */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String sessionId);
}
