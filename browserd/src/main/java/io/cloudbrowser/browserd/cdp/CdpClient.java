package io.cloudbrowser.browserd.cdp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A raw Chrome DevTools Protocol connection to one page target, beside Playwright's.
 * Screencast frames, input and browser events travel here on a Netty event loop, so they never wait for the
 * Playwright thread, which may be busy with a long command. Handlers run on this client's event loop.
 */
public final class CdpClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CdpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final Channel channel;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> handlers = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    private CdpClient(Channel channel) {
        this.channel = channel;
    }

    /** Connects to a DevTools WebSocket such as {@code ws://127.0.0.1:9222/devtools/page/<id>}. */
    public static CdpClient connect(EventLoopGroup group, URI uri) throws IOException {
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        CdpClient[] holder = new CdpClient[1];
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).version(WebSocketVersion.V13).customHeaders(new DefaultHttpHeaders())
                                .maxFramePayloadLength(MAX_MESSAGE).handleCloseFrames(true).build();
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(cfg), new WebSocketFrameAggregator(MAX_MESSAGE),
                                new InboundHandler(() -> holder[0], handshake));
                    }
                });
        try {
            Channel ch = b.connect(uri.getHost(), uri.getPort()).sync().channel();
            holder[0] = new CdpClient(ch);
            ch.closeFuture().addListener(f -> holder[0].onClosed());
            handshake.get(10, java.util.concurrent.TimeUnit.SECONDS);
            return holder[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted connecting to " + uri, e);
        } catch (Exception e) {
            if (holder[0] != null) {
                holder[0].close();
            }
            throw new IOException("cannot open a CDP connection to " + uri + ": " + e.getMessage(), e);
        }
    }

    public CompletableFuture<JsonNode> send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        if (closed.isDone()) {
            result.completeExceptionally(new CdpException("CDP connection closed"));
            return result;
        }
        pending.put(id, result);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        channel.writeAndFlush(new TextWebSocketFrame(msg.toString())).addListener(f -> {
            if (!f.isSuccess()) {
                fail(id, "CDP write failed: " + f.cause());
            }
        });
        return result;
    }

    public CompletableFuture<JsonNode> send(String method) {
        return send(method, null);
    }

    public static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Registers a handler for a CDP event name such as {@code Page.screencastFrame}. */
    public void on(String event, Consumer<JsonNode> handler) {
        handlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Completes when the connection is gone, for example because Chromium died. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public void close() {
        channel.close();
    }

    private void fail(int id, String message) {
        CompletableFuture<JsonNode> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(new CdpException(message));
        }
    }

    private void onClosed() {
        pending.keySet().forEach(id -> fail(id, "CDP connection closed"));
        closed.complete(null);
    }

    private void onMessage(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            log.warn("unparseable CDP message ignored");
            return;
        }
        JsonNode id = msg.get("id");
        if (id != null) {
            CompletableFuture<JsonNode> f = pending.remove(id.asInt());
            if (f != null) {
                JsonNode error = msg.get("error");
                if (error != null) {
                    f.completeExceptionally(new CdpException(error.path("message").asText("CDP error")));
                } else {
                    f.complete(msg.path("result"));
                }
            }
            return;
        }
        List<Consumer<JsonNode>> hs = handlers.get(msg.path("method").asText());
        if (hs != null) {
            JsonNode params = msg.path("params");
            for (Consumer<JsonNode> h : hs) {
                try {
                    h.accept(params);
                } catch (RuntimeException e) {
                    log.warn("CDP event handler for {} failed", msg.path("method").asText(), e);
                }
            }
        }
    }

    private static final class InboundHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final java.util.function.Supplier<CdpClient> client;
        private final CompletableFuture<Void> handshake;

        InboundHandler(java.util.function.Supplier<CdpClient> client, CompletableFuture<Void> handshake) {
            this.client = client;
            this.handshake = handshake;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            client.get().onMessage(frame.text());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.completeExceptionally(cause);
            ctx.close();
        }
    }
}
