package io.cloudbrowser.controlplane.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's one port: API, web client, gateway. Bound first, so a taken port fails fast
 * and the public URL is known before anything is built from it; connections accepted before
 * {@link #serve} are closed. {@link #stop()} is idempotent.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Small buffers keep the gateway's relay from hiding a slow viewer from browserd's keep-latest. */
    public static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final HttpInitializer initializer = new HttpInitializer();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private Channel channel;

    private HttpServer() {
        this.bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    }

    /** Binds {@code host:port} (0 = any free port); a bind failure names the address. */
    public static HttpServer bind(String host, int port) {
        HttpServer server = new HttpServer();
        ChannelFuture bind = new ServerBootstrap()
                .group(server.bossGroup, server.workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(server.initializer)
                .bind(new InetSocketAddress(host, port))
                .awaitUninterruptibly();
        if (!bind.isSuccess()) {
            shutdown(server.bossGroup, server.workerGroup);
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + bind.cause().getMessage(),
                    bind.cause());
        }
        server.channel = bind.channel();
        return server;
    }

    /** Starts answering requests. */
    public void serve(ApiServices services) {
        initializer.serve(services);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public void stop() {
        if (stopped.compareAndSet(false, true)) {
            channel.close().awaitUninterruptibly();
            shutdown(bossGroup, workerGroup);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Bounded: the control plane's shutdown goes on to stop sandboxes after this, and must not hang
     * here (once, an event loop group was seen not to terminate within its own 2 s timeout).
     */
    private static void shutdown(EventLoopGroup boss, EventLoopGroup workers) {
        for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
            if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS)) {
                log.warn("event loops did not stop within 5 s; going on with the shutdown");
            }
        }
    }
}
