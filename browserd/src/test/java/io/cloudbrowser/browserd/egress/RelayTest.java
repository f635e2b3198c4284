package io.cloudbrowser.browserd.egress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay stops reading while its peer cannot take more, and resumes when the peer drains. */
class RelayTest {
    @Test
    void aSideStopsReadingWhileItsPeerIsNotWritableAndResumesWhenItDrains() {
        EmbeddedChannel target = new EmbeddedChannel();
        EmbeddedChannel browser = new EmbeddedChannel(new Relay(target));
        target.pipeline().addLast(new Relay(browser));

        target.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        target.runPendingTasks();
        browser.writeInbound(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));

        assertFalse(browser.config().isAutoRead(), "the browser side must pause while the target is full");
        ByteBuf relayed = target.readOutbound();
        assertEquals("hello", relayed.toString(StandardCharsets.US_ASCII));
        relayed.release();

        target.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        target.runPendingTasks();
        assertTrue(browser.config().isAutoRead(), "the browser side must resume once the target drains");
        assertFalse(browser.finish());
        target.finishAndReleaseAll(); // the empty flush that closes it after the browser side closed
    }

    @Test
    void whenOneSideClosesTheOtherClosesToo() {
        EmbeddedChannel target = new EmbeddedChannel();
        EmbeddedChannel browser = new EmbeddedChannel(new Relay(target));
        browser.close();
        target.runPendingTasks();
        assertFalse(target.isActive());
        target.finishAndReleaseAll();
    }
}
