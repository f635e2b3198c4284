package io.cloudbrowser.browserd.server;

import io.cloudbrowser.browserd.config.BrowserdConfig;
import io.cloudbrowser.browserd.session.Session;
import io.cloudbrowser.http.RequestDeadline;
import io.cloudbrowser.protocol.BrowserdEndpoints;
import io.cloudbrowser.protocol.token.TokenVerifier;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** browserd's one port: HTTP routes and the WebSocket. {@link #stop()} is idempotent. */
public final class BrowserdServer {
    /** Outbound buffer bounds per connection; above the high mark a connection counts as slow. */
    /** A whole request must arrive within this (PROTOCOL.md: request_timeout). */
    static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    /**
     * One I/O thread for every socket of the session, the viewers' and the raw CDP connection: a frame from
     * Chromium reaches each viewer's slot and socket on the thread that read it, with no hand-off that a second
     * frame could overtake (under load such hand-offs dropped frames for viewers that were keeping up).
     */
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel channel;

    /** Binds and starts serving; a port in use is an IOException naming the port. */
    public void start(BrowserdConfig config, TokenVerifier verifier, Session session, DaemonAdmin admin) throws IOException {
        HttpRouter router = new HttpRouter(verifier, session, admin, config.allowedOrigins());
        int maxMessage = config.limits().maxMessageBytes();
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(BrowserdEndpoints.WS).checkStartsWith(true).handleCloseFrames(true).dropPongFrames(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessage)
                        .allowExtensions(false).build())
                .build();
        ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        RequestDeadline deadline = new RequestDeadline(REQUEST_DEADLINE);
                        ch.pipeline()
                                .addLast(PipelineNames.DEADLINE, deadline.first())
                                .addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec())
                                .addLast(PipelineNames.HTTP_AGGREGATOR, new HttpObjectAggregator(64 * 1024))
                                .addLast(PipelineNames.REQUEST_COMPLETE, deadline.whole())
                                .addLast(PipelineNames.HTTP_ROUTER, router)
                                .addLast(PipelineNames.WS_PROTOCOL, new WebSocketServerProtocolHandler(wsConfig))
                                .addLast(PipelineNames.WS_AGGREGATOR, new WebSocketFrameAggregator(maxMessage))
                                .addLast(PipelineNames.WS_SESSION, new WebSocketSessionHandler(session));
                    }
                });
        try {
            channel = b.bind(config.host(), config.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IOException("interrupted while binding " + config.host() + ":" + config.port(), e);
        } catch (Exception e) {
            stop();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IOException("port " + config.port() + " on " + config.host() + " is in use or not available");
            }
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The event loops also run the raw CDP client, so frames go from Chromium to viewers without a thread hop. */
    public EventLoopGroup workers() {
        return workers;
    }

    public void stop() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
