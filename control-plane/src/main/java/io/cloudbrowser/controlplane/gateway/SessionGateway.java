package io.cloudbrowser.controlplane.gateway;

import io.cloudbrowser.controlplane.sandbox.Sandbox;
import io.cloudbrowser.controlplane.server.HandlerNames;
import io.cloudbrowser.controlplane.server.HttpResponses;
import io.cloudbrowser.controlplane.server.HttpServer;
import io.cloudbrowser.controlplane.server.UpgradeHandler;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.ErrorCode;
import io.cloudbrowser.protocol.token.AuthException;
import io.cloudbrowser.protocol.token.TokenVerifier;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/sessions/:id/ws}: checks the session token, opens a connection to the session's
 * browserd, forwards the upgrade request to its {@code /ws} and from then on relays bytes both ways.
 * browserd answers the upgrade itself (101, or its own 401/403), so the WebSocket is browserd's,
 * frame for frame; the control plane only adds one origin for browsers.
 */
public final class SessionGateway implements UpgradeHandler {
    private static final Pattern PATH = Pattern.compile("/api/sessions/([^/]+)/ws");
    private static final String BEARER = "Bearer ";
    private static final String RELAY = "relay";
    private static final String ENCODER = "encoder";
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final TokenVerifier verifier;
    private final Function<String, Optional<Sandbox>> readySandbox;
    private final HttpResponses responses;

    /** @param readySandbox the sandbox of a session that is ready, by session id */
    public SessionGateway(TokenVerifier verifier, Function<String, Optional<Sandbox>> readySandbox,
                          HttpResponses responses) {
        this.verifier = verifier;
        this.readySandbox = readySandbox;
        this.responses = responses;
    }

    @Override
    public Optional<String> sessionIdOf(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String sessionId) {
        try {
            verifier.verifySession(token(request), sessionId);
        } catch (AuthException e) {
            refuse(ctx, ErrorCode.UNAUTHORIZED, "a valid session token is required: " + e.getMessage());
            return;
        }
        Optional<Sandbox> sandbox = readySandbox.apply(sessionId);
        if (sandbox.isEmpty()) {
            refuse(ctx, ErrorCode.SESSION_NOT_FOUND, "no ready session " + sessionId);
            return;
        }
        Channel client = ctx.channel();
        client.config().setAutoRead(false);
        FullHttpRequest forwarded = forwardedRequest(request);
        ChannelFuture connect = new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, HttpServer.WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel backend) {
                        backend.pipeline().addLast(ENCODER, new HttpRequestEncoder());
                    }
                })
                .connect(sandbox.get().host(), sandbox.get().port());
        connect.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                forwarded.release();
                refuse(ctx, ErrorCode.SANDBOX_FAILED, "cannot reach the session's sandbox");
                return;
            }
            splice(client, done.channel(), forwarded);
        });
    }

    /** Sends the upgrade request to browserd, then turns both pipelines into relays. */
    private static void splice(Channel client, Channel backend, FullHttpRequest forwarded) {
        // Same event loop: the request is encoded by the time writeAndFlush returns.
        backend.writeAndFlush(forwarded);
        backend.pipeline().remove(ENCODER);
        backend.pipeline().addLast(RELAY, new Relay(client));
        ChannelPipeline pipeline = client.pipeline();
        pipeline.addLast(RELAY, new Relay(backend));
        for (String name : List.of(HandlerNames.DEADLINE, HandlerNames.IDLE, HandlerNames.IDLE_CLOSER,
                HandlerNames.AGGREGATOR, HandlerNames.REQUEST_COMPLETE, HandlerNames.HTTP_CODEC, HandlerNames.API)) {
            pipeline.remove(name);
        }
        backend.closeFuture().addListener(f -> Relay.closeAfterFlush(client));
        client.closeFuture().addListener(f -> Relay.closeAfterFlush(backend));
        backend.config().setAutoRead(true);
        client.config().setAutoRead(true);
    }

    /**
     * The client's request with browserd's path. Headers pass unchanged, Host included: browserd
     * accepts an Origin equal to the host the browser asked for (same origin), so the viewer works
     * under whatever name this server is reached by, and other sites' pages are still refused.
     */
    private static FullHttpRequest forwardedRequest(FullHttpRequest request) {
        String rawQuery = new QueryStringDecoder(request.uri()).rawQuery();
        String uri = rawQuery.isEmpty() ? BrowserdEndpoints.WS : BrowserdEndpoints.WS + "?" + rawQuery;
        FullHttpRequest forwarded = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), uri);
        forwarded.headers().set(request.headers());
        return forwarded;
    }

    /** The session token as browserd reads it: {@code Authorization: Bearer}, else {@code ?token=}; null if none. */
    private static String token(FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        List<String> query = new QueryStringDecoder(request.uri()).parameters().get("token");
        return query == null || query.isEmpty() ? null : query.get(0);
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code, String message) {
        ctx.writeAndFlush(responses.error(code, message)).addListener(ChannelFutureListener.CLOSE);
    }
}
