package io.cloudbrowser.browserd.egress;

import io.cloudbrowser.protocol.policy.UrlPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first request on a browser's proxy connection: {@code CONNECT host:port} (https, wss) or an absolute-form
 * {@code http://} request (http, ws over http). The target is vetted by the URL policy off the event loop, then
 * browserd connects to exactly the address the policy resolved and vetted, so a name that resolves differently the
 * second time (DNS rebinding) cannot redirect the connection. A refused target gets 403 and no packet is sent
 * anywhere.
 */
final class EgressRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EgressRequestHandler.class);
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final UrlPolicy policy;
    private final Executor resolver;
    private final ChannelGroup channels;
    /** Request body parts read while the target was being vetted; sent once connected. */
    private final List<Object> pending = new ArrayList<>();
    private boolean requestSeen;
    private Channel target;

    EgressRequestHandler(UrlPolicy policy, Executor resolver, ChannelGroup channels) {
        this.policy = policy;
        this.resolver = resolver;
        this.channels = channels;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            if (requestSeen) {
                // A second request could be for another host; ProxiedResponses told the browser not to send one.
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            requestSeen = true;
            start(ctx, request);
        } else if (target == null) {
            pending.add(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, HttpRequest request) {
        String url = request.decoderResult().isSuccess() ? targetUrl(request) : null;
        if (url == null) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "expected CONNECT host:port or an absolute http:// URI");
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            CompletableFuture.supplyAsync(() -> policy.destination(url), resolver)
                    .whenCompleteAsync((d, failure) -> decided(ctx, request, d, failure), ctx.executor());
        } catch (RejectedExecutionException e) {
            ctx.close(); // the proxy is stopping
        }
    }

    private void decided(ChannelHandlerContext ctx, HttpRequest request, UrlPolicy.Destination d, Throwable failure) {
        if (failure != null || !d.decision().allowed()) {
            log.info("egress refused by the URL policy: {}", failure != null ? failure.toString() : d.decision().reason());
            respond(ctx, HttpResponseStatus.FORBIDDEN, "refused by the browserd URL policy");
            return;
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        boolean tunnel = request.method().equals(HttpMethod.CONNECT);
        connect(ctx, d.address(), tunnel).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                unreachable(ctx, tunnel);
            } else if (!ctx.channel().isActive()) {
                f.channel().close();
            } else if (tunnel) {
                startTunnel(ctx, f.channel());
            } else {
                forward(ctx, f.channel(), request);
            }
        });
    }

    /**
     * A CONNECT gets 502, which Chromium reports as a network error. A plain-HTTP request gets no answer at all:
     * a 502 page would load as a successful navigation, where an unreachable site must fail like one.
     */
    private void unreachable(ChannelHandlerContext ctx, boolean tunnel) {
        if (tunnel) {
            respond(ctx, HttpResponseStatus.BAD_GATEWAY, "cannot connect to the target");
        } else {
            releasePending();
            ctx.close();
        }
    }

    /** Connects on the browser connection's own event loop, so the two relays never race each other. */
    private ChannelFuture connect(ChannelHandlerContext ctx, InetSocketAddress address, boolean tunnel) {
        Channel browser = ctx.channel();
        return new Bootstrap().group(browser.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, EgressProxy.WATER_MARK)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        if (!tunnel) {
                            ch.pipeline().addLast(EgressPipeline.HTTP_CODEC, new HttpClientCodec());
                        }
                        ch.pipeline().addLast(EgressPipeline.RELAY, new Relay(browser));
                    }
                })
                .connect(address);
    }

    private void startTunnel(ChannelHandlerContext ctx, Channel to) {
        target = to;
        ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection Established")));
        releasePending();
        ChannelPipeline p = ctx.pipeline();
        p.addLast(EgressPipeline.RELAY, new Relay(to));
        p.remove(this);
        p.remove(EgressPipeline.HTTP_CODEC); // hands any bytes it still holds to the relay
        resume(ctx.channel(), to);
    }

    private void forward(ChannelHandlerContext ctx, Channel to, HttpRequest request) {
        target = to;
        ctx.pipeline().addAfter(EgressPipeline.HTTP_CODEC, EgressPipeline.RESPONSES, new ProxiedResponses(to));
        ctx.pipeline().addLast(EgressPipeline.RELAY, new Relay(to));
        to.write(toOriginForm(request));
        pending.forEach(to::write);
        pending.clear();
        to.flush();
        resume(ctx.channel(), to);
    }

    private static void resume(Channel browser, Channel to) {
        to.config().setAutoRead(true);
        browser.config().setAutoRead(true);
    }

    /** The request as the target expects it: origin-form URI, no proxy headers, one request per connection. */
    private static HttpRequest toOriginForm(HttpRequest request) {
        request.setUri(ProxyTarget.originForm(request.uri()));
        request.headers().remove(HttpHeaderNames.PROXY_AUTHORIZATION).remove("Proxy-Connection");
        if (!request.headers().contains(HttpHeaderNames.UPGRADE)) {
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return request;
    }

    private static String targetUrl(HttpRequest request) {
        return request.method().equals(HttpMethod.CONNECT) ? ProxyTarget.ofConnect(request.uri())
                : ProxyTarget.ofAbsoluteForm(request.uri());
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String text) {
        releasePending();
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void releasePending() {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releasePending();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("egress request failed: {}", cause.toString());
        ctx.close();
    }
}
