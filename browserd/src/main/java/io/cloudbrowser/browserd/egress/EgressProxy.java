package io.cloudbrowser.browserd.egress;

import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The browser's only way out: an HTTP proxy on 127.0.0.1 that Chromium is launched with
 * ({@code --proxy-server}). Every connection the browser opens, WebSockets included, which CDP {@code Fetch} never
 * sees, is a CONNECT or an absolute-form request here, vetted by the {@link UrlPolicy} and connected to the address
 * the policy resolved, never to a second lookup. It runs on an event-loop group owned by the caller; {@link #close()}
 * is idempotent and closes every connection it relays.
 */
public final class EgressProxy implements AutoCloseable {
    /** Per-connection buffer bounds: above the high mark the other side stops reading. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;

    private final UrlPolicy policy;
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup("egress", GlobalEventExecutor.INSTANCE);
    /** Name resolution blocks, so the policy runs here and never on an event loop. */
    private final ExecutorService resolver = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "egress-resolver");
        t.setDaemon(true);
        return t;
    });
    private Channel server;

    public EgressProxy(UrlPolicy policy, EventLoopGroup group) {
        this.policy = policy;
        this.group = group;
    }

    /** Listens on 127.0.0.1 on a free port. */
    public void start() throws IOException {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline()
                                .addLast(EgressPipeline.HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192))
                                .addLast(EgressPipeline.REQUEST, new EgressRequestHandler(policy, resolver, channels));
                    }
                });
        try {
            server = b.bind("127.0.0.1", 0).sync().channel();
            policy.reservedPorts().reserve("egress proxy", port()); // a page must not proxy through itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the egress proxy", e);
        } catch (Exception e) {
            throw new IOException("cannot start the egress proxy on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        resolver.shutdownNow();
    }
}
