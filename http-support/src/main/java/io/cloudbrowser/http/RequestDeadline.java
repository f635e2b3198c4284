package io.cloudbrowser.http;

import io.cloudbrowser.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A request must arrive whole (head and body) within a deadline of its first byte, or the connection gets 408
 * {@code request_timeout} and is closed: a slowloris client sending its headers a byte a second holds a connection
 * for the deadline, not forever (an idle-time limit never fires while bytes trickle in). The clock starts when the
 * connection opens and at each later request's first byte, so a connection that never sends a request is closed
 * too, while a keep-alive connection idle between requests is left to the server's idle limit.
 *
 * <p>Two handlers of one instance: {@link #first()} at the head of the pipeline sees raw bytes (the codec emits
 * nothing until a head is complete), {@link #whole()} after the aggregator sees the complete request. After a
 * WebSocket upgrade the HTTP codec is gone from the pipeline and the deadline removes itself.
 */
public final class RequestDeadline {
    private static final String BODY = "{\"error\":{\"code\":\"" + ErrorCode.REQUEST_TIMEOUT.wireName()
            + "\",\"message\":\"the request did not arrive in time\"}}";
    private static final byte[] RESPONSE = ("HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
            + "content-length: " + BODY.length() + "\r\nconnection: close\r\n\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);

    private final long millis;
    private final First first = new First();
    private final Whole whole = new Whole();
    private ScheduledFuture<?> timer;
    private boolean written;

    /** One per connection. */
    public RequestDeadline(Duration deadline) {
        this.millis = deadline.toMillis();
    }

    /** The pipeline's first handler. */
    public ChannelDuplexHandler first() {
        return first;
    }

    /** The handler right after the aggregator (it passes every message on). */
    public ChannelInboundHandlerAdapter whole() {
        return whole;
    }

    private void arm(ChannelHandlerContext ctx) {
        if (timer == null) {
            written = false; // a new request: what was written answered the one before
            timer = ctx.executor().schedule(() -> expire(ctx), millis, TimeUnit.MILLISECONDS);
        }
    }

    private void disarm() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (written) {
            ctx.close(); // a response is already on its way: no second one on the same connection
            return;
        }
        // Written from the head of the pipeline, past the codec, so the codec's half-read request cannot matter.
        ctx.writeAndFlush(Unpooled.wrappedBuffer(RESPONSE)).addListener(ChannelFutureListener.CLOSE);
    }

    private final class First extends ChannelDuplexHandler {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(ctx);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                if (ctx.pipeline().get(HttpServerCodec.class) == null) {
                    disarm();
                    ctx.pipeline().remove(this); // upgraded: WebSocket frames are not HTTP requests
                } else {
                    arm(ctx);
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written = true;
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }
    }

    private final class Whole extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest || msg instanceof LastHttpContent) {
                disarm();
            }
            ctx.fireChannelRead(msg);
        }
    }
}
