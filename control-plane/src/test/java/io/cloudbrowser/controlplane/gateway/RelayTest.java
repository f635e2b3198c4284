package io.cloudbrowser.controlplane.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The relay's backpressure, with both sides as embedded channels. */
class RelayTest {
    private final EmbeddedChannel client = new EmbeddedChannel();
    private final EmbeddedChannel backend = new EmbeddedChannel();

    RelayTest() {
        backend.config().setOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8, 16));
        client.pipeline().addLast(new Relay(backend));
        backend.pipeline().addLast(new Relay(client));
    }

    @Test
    void bytesPassUnchanged() {
        client.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
        ByteBuf out = backend.readOutbound();
        assertEquals(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), out);
        out.release();
        assertClientCloseClosesBackend();
    }

    @Test
    void readingPausesWhileThePeerIsFullAndResumesWhenItDrains() {
        // A read without readComplete: the bytes are written to the backend but not yet flushed.
        client.pipeline().fireChannelRead(Unpooled.wrappedBuffer(new byte[32]));
        assertFalse(backend.isWritable());
        assertFalse(client.config().isAutoRead(), "the client must stop reading while the backend is full");
        backend.flush();
        assertTrue(backend.isWritable());
        assertTrue(client.config().isAutoRead(), "the backend drained: read the client again");
        ByteBuf out = backend.readOutbound();
        assertEquals(32, out.readableBytes());
        out.release();
        assertClientCloseClosesBackend();
    }

    @Test
    void backendClosingClosesTheClient() {
        backend.close();
        assertFalse(client.isActive());
        client.finishAndReleaseAll();
    }

    private void assertClientCloseClosesBackend() {
        assertFalse(client.finish());
        assertFalse(backend.isActive(), "the backend closes once the client is gone");
        backend.finishAndReleaseAll();
    }
}
