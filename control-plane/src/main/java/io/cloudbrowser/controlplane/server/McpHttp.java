package io.cloudbrowser.controlplane.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudbrowser.controlplane.auth.Principal;
import io.cloudbrowser.controlplane.mcp.McpServer;
import io.cloudbrowser.protocol.ErrorCode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * MCP's Streamable HTTP transport on our server, at {@code /mcp}: {@code POST} carries one JSON-RPC message.
 * The API key was checked before this runs (401 before any MCP message). Answers are one JSON body, except a tool
 * call that takes longer than {@value #JSON_WINDOW_MS} ms or notifies (a {@code handoff} waits for a person and
 * sends its takeover link first): that one becomes a server-sent event stream when the client accepts one, with a
 * comment line every {@value #KEEPALIVE_SECONDS} s so neither our idle timeout nor a proxy closes the wait. {@code GET} (a stream for
 * server-initiated messages) is 405: this server sends none.
 */
public final class McpHttp {
    static final String PATH = "/mcp";
    static final int KEEPALIVE_SECONDS = 15;
    static final int JSON_WINDOW_MS = 200;
    private static final String EVENT_STREAM = "text/event-stream";

    private final ObjectMapper json;
    private final HttpResponses responses;
    private final McpServer server;
    private final List<String> allowedOrigins;

    public McpHttp(ObjectMapper json, HttpResponses responses, McpServer server, List<String> allowedOrigins) {
        this.json = json;
        this.responses = responses;
        this.server = server;
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * Answers the request on {@code ctx}; completes once the whole answer is written. Reads all it needs from
     * {@code request} before returning (the caller releases it).
     */
    CompletableFuture<Void> serve(ChannelHandlerContext ctx, FullHttpRequest request, Principal caller,
                                  McpServer.Api api, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.POST)) {
            return write(ctx, responses.error(io.cloudbrowser.controlplane.api.http.ApiException.withHeaders(
                    ErrorCode.METHOD_NOT_ALLOWED, "use POST for MCP messages; this server opens no stream on GET",
                    java.util.Map.of(HttpHeaderNames.ALLOW.toString(), "POST"))), keepAlive);
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin)) { // DNS rebinding: the spec's one MUST
            return write(ctx, responses.error(ErrorCode.FORBIDDEN, "Origin " + origin + " may not call /mcp"), keepAlive);
        }
        String version = request.headers().get("MCP-Protocol-Version");
        if (version != null && !McpServer.PROTOCOL_VERSIONS.contains(version)) {
            return write(ctx, rpcError(HttpResponseStatus.BAD_REQUEST, null, -32600,
                    "unsupported MCP-Protocol-Version " + version), keepAlive);
        }
        JsonNode message;
        try {
            message = json.readTree(ByteBufUtil.getBytes(request.content()));
        } catch (IOException e) {
            return write(ctx, rpcError(HttpResponseStatus.BAD_REQUEST, null, -32700, "not JSON"), keepAlive);
        }
        if (message == null || message.isArray()) {
            return write(ctx, rpcError(HttpResponseStatus.BAD_REQUEST, null, -32600,
                    "one JSON-RPC message per request (no batches)"), keepAlive);
        }
        String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
        if (McpServer.isToolCall(message) && accept.contains(EVENT_STREAM)) {
            return new Stream(ctx, keepAlive).run(caller, api, message);
        }
        return server.handle(caller, api, message, n -> { })
                .handle((answer, error) -> error != null ? jsonResponse(internalError(message))
                        : answer.map(this::jsonResponse).orElseGet(McpHttp::accepted))
                .thenCompose(response -> write(ctx, response, keepAlive));
    }

    private ObjectNode internalError(JsonNode message) {
        return server.error(message.path("id"), -32603, "internal error");
    }

    /**
     * One tool call's answer. A call done within {@value #JSON_WINDOW_MS} ms is one JSON body (the cheapest
     * answer); a longer one, or one that notifies, becomes an SSE stream: notifications, comments every
     * {@value #KEEPALIVE_SECONDS} s, then the result. Runs on the connection's event loop.
     */
    private final class Stream {
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private boolean streaming;
        private boolean finished;
        private ScheduledFuture<?> timer;

        Stream(ChannelHandlerContext ctx, boolean keepAlive) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
        }

        CompletableFuture<Void> run(Principal caller, McpServer.Api api, JsonNode message) {
            onLoop(() -> {
                if (!finished) {
                    timer = ctx.executor().schedule(this::startStreaming, JSON_WINDOW_MS, TimeUnit.MILLISECONDS);
                }
            });
            server.handle(caller, api, message, n -> onLoop(() -> {
                startStreaming();
                event(n);
            })).whenComplete((answer, error) -> onLoop(() -> finish(error != null ? internalError(message)
                    : answer.orElse(null))));
            ctx.channel().closeFuture().addListener(f -> done.complete(null));
            return done;
        }

        private void startStreaming() {
            if (streaming || finished) {
                return;
            }
            streaming = true;
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM)
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.writeAndFlush(head);
            timer = ctx.executor().scheduleAtFixedRate(() -> chunk(": keep-alive\n\n"),
                    KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
        }

        private void finish(ObjectNode answer) {
            finished = true;
            if (timer != null) {
                timer.cancel(false);
            }
            if (!streaming) {
                write(ctx, answer == null ? accepted() : jsonResponse(answer), keepAlive).thenRun(() -> done.complete(null));
                return;
            }
            if (answer != null) {
                event(answer);
            }
            var last = ctx.writeAndFlush(new DefaultLastHttpContent());
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
            done.complete(null);
        }

        private void event(ObjectNode message) {
            chunk("event: message\ndata: " + message + "\n\n");
        }

        private void chunk(String text) {
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
        }

        private void onLoop(Runnable r) {
            if (ctx.executor().inEventLoop()) {
                r.run();
            } else {
                ctx.executor().execute(r);
            }
        }
    }

    private FullHttpResponse jsonResponse(ObjectNode message) {
        return bytes(HttpResponseStatus.OK, message.toString().getBytes(StandardCharsets.UTF_8));
    }

    private FullHttpResponse rpcError(HttpResponseStatus status, JsonNode id, int code, String text) {
        return bytes(status, server.error(id, code, text).toString().getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse bytes(HttpResponseStatus status, byte[] body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return r;
    }

    /** A notification or a response from the client: 202, no body. */
    private static FullHttpResponse accepted() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return r;
    }

    private static CompletableFuture<Void> write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable send = () -> {
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            done.complete(null);
        };
        if (ctx.executor().inEventLoop()) {
            send.run();
        } else {
            ctx.executor().execute(send);
        }
        return done;
    }
}
