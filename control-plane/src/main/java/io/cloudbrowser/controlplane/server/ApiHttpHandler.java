package io.cloudbrowser.controlplane.server;

import io.cloudbrowser.controlplane.api.http.ApiException;
import io.cloudbrowser.controlplane.auth.Principal;
import io.cloudbrowser.protocol.ErrorCode;
import io.netty.buffer.ByteBufUtil;
import io.cloudbrowser.controlplane.store.StoreException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's requests, answered strictly in order (HTTP/1.1 pipelining): a request that
 * arrives while another is being answered waits, and reading pauses meanwhile.
 */
public final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ApiHttpHandler.class);

    private static final String IDEMPOTENCY_KEY = "idempotency-key";

    private final ApiServices services;
    private final ApiDispatcher dispatcher;
    private final Queue<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;

    public ApiHttpHandler(ApiServices services) {
        super(false);
        this.services = services;
        this.dispatcher = new ApiDispatcher(services);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (answering) {
            waiting.add(request);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        answer(ctx, request);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        answering = true;
        try {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri());
            if (!request.decoderResult().isSuccess()) {
                respond(ctx, services.responses().error(ErrorCode.INVALID_FIELD, "malformed HTTP request"), false);
                return;
            }
            try {
                uri.path();
                uri.parameters(); // both decode lazily and throw on a bad %-escape: decoded here, answered here
            } catch (IllegalArgumentException e) {
                respond(ctx, services.responses().error(ErrorCode.INVALID_FIELD,
                        "malformed URL: a %-escape that is not two hex digits"), HttpUtil.isKeepAlive(request));
                return;
            }
            var gatewaySession = services.gateway().sessionIdOf(uri.path());
            if (gatewaySession.isPresent() && isWebSocketUpgrade(request)) {
                answering = false;
                services.gateway().upgrade(ctx, request, gatewaySession.get());
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (uri.path().equals(McpHttp.PATH)) {
                mcp(ctx, request, keepAlive);
                return;
            }
            CompletableFuture<FullHttpResponse> response = route(request, uri);
            response.whenComplete((ok, error) -> respond(ctx, ok != null ? ok : failure(error), keepAlive));
        } finally {
            request.release();
        }
    }

    /** {@code /mcp}: the API key and rate limit as for {@code /api}, checked before any MCP message is read. */
    private void mcp(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        Principal principal;
        try {
            principal = dispatcher.authenticate(request);
            dispatcher.limitRate(principal);
        } catch (ApiException e) {
            respond(ctx, services.responses().error(e), keepAlive);
            return;
        }
        services.mcp().serve(ctx, request, principal, (method, path, query, body) ->
                dispatcher.dispatch(method, path, principal, query, body), keepAlive)
                .whenComplete((done, error) -> ctx.executor().execute(() -> answered(ctx, keepAlive)));
    }

    private CompletableFuture<FullHttpResponse> route(FullHttpRequest request, QueryStringDecoder uri) {
        String path = uri.path();
        HttpMethod method = request.method();
        try {
            if (path.equals("/api") || path.startsWith("/api/")) {
                Principal principal = dispatcher.authenticate(request);
                dispatcher.limitRate(principal);
                byte[] body = ByteBufUtil.getBytes(request.content());
                return dispatcher.dispatch(method.name(), path, principal, uri.parameters(), body, routeHeaders(request))
                        .thenApply(services.responses()::from);
            }
            return CompletableFuture.completedFuture(dispatcher.publicResource(method, path, uri.parameters()));
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(services.responses().error(e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(e));
        }
    }

    /** The headers routes read; anything else of the request stays here. */
    private static Map<String, String> routeHeaders(FullHttpRequest request) {
        String key = request.headers().get(IDEMPOTENCY_KEY);
        return key == null ? Map.of() : Map.of(IDEMPOTENCY_KEY, key);
    }

    private FullHttpResponse failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ApiException api) {
            return services.responses().error(api);
        }
        if (cause instanceof StoreException store) {
            log.error("request failed: the store is unavailable: {}", rootMessage(store));
            return services.responses().error(ErrorCode.STORE_UNAVAILABLE, diskFull(store)
                    ? "the session store's disk is full; retry once space is freed"
                    : "the session store is unavailable; retry later");
        }
        log.error("request failed", cause);
        return services.responses().error(ErrorCode.INTERNAL, "internal error");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    private void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!ctx.executor().inEventLoop()) {
            ctx.executor().execute(() -> respond(ctx, response, keepAlive));
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        answered(ctx, true);
    }

    /** The answer is out: the next pipelined request, if one waits, else read on. */
    private void answered(ChannelHandlerContext ctx, boolean keepAlive) {
        if (!keepAlive) {
            return;
        }
        answering = false;
        FullHttpRequest next = waiting.poll();
        if (next != null) {
            answer(ctx, next);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** On close, and when the gateway takes the connection over: requests still waiting are dropped. */
    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting.forEach(FullHttpRequest::release);
        waiting.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
