package io.cloudbrowser.browserd.server;

import io.cloudbrowser.browserd.screencast.Frame;
import io.cloudbrowser.browserd.session.ClientSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A client's socket with a one-frame keep-latest slot. While the channel is not writable (its outbound buffer
 * is over the high water mark) a newer frame replaces the pending one, so a slow viewer costs one frame of
 * memory and never delays anyone else. Results and events are never dropped. Public so session tests can put a
 * real sink over an {@code EmbeddedChannel}.
 */
public final class ChannelClientSink implements ClientSink {
    private record Pending(Frame frame, boolean binary) {
    }

    static final int CLOSE_GRACE_SECONDS = 2;

    private final Channel channel;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicReference<Pending> slot = new AtomicReference<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong replaced = new AtomicLong();

    public ChannelClientSink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void send(String json) {
        channel.writeAndFlush(new TextWebSocketFrame(json));
    }

    @Override
    public void offerFrame(Frame frame, boolean binary) {
        if (slot.getAndSet(new Pending(frame, binary)) != null) {
            replaced.incrementAndGet();
        }
        if (channel.eventLoop().inEventLoop()) {
            drain();
        } else if (channel.isWritable() && drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    /** Writes the pending frame if the socket can take it; called on the event loop, also when writable again. */
    void drain() {
        drainScheduled.set(false);
        while (channel.isWritable()) {
            Pending p = slot.getAndSet(null);
            if (p == null) {
                return;
            }
            channel.writeAndFlush(p.binary()
                    ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(p.frame().binaryMessage()))
                    : new TextWebSocketFrame(Unpooled.wrappedBuffer(p.frame().jsonMessage())));
            sent.incrementAndGet();
        }
    }

    /**
     * Sends the close frame once and waits for the client's, which closes the socket. Closing TCP right away
     * while the client's messages are still unread makes the kernel answer with a reset, and the client would
     * never see the close code; a client that does not answer is cut off after {@link #CLOSE_GRACE_SECONDS}.
     */
    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true) || !channel.isActive()) {
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /** True once a close was sent: later messages from the client are discarded. */
    boolean isClosing() {
        return closing.get();
    }

    @Override
    public long backlogBytes() {
        var buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    long framesSent() {
        return sent.get();
    }

    @Override
    public long framesDropped() {
        return replaced.get();
    }
}
