package io.cloudbrowser.browserd.session;

import io.cloudbrowser.browserd.screencast.Frame;

/**
 * Hands every screencast frame to each connection's keep-latest slot, inline on the CDP I/O thread that read it
 * (no hand-off a later frame could overtake). Each connection's {@code everyNthFrame} and {@code paused} apply.
 * Chromium sends a frame only when the page changes, so the last one is kept: a viewer that joins (or changes its
 * stream settings) while the page is still gets the current picture at once instead of a blank canvas.
 */
public final class FrameFanOut {
    private final Clients clients;
    private volatile Frame lastFrame;

    public FrameFanOut(Clients clients) {
        this.clients = clients;
    }

    /** The screencast's listener. */
    public void onFrame(Frame frame) {
        lastFrame = frame;
        for (Client c : clients.all()) {
            c.offer(frame);
        }
    }

    /** Offers the current picture to one connection, whatever its {@code everyNthFrame}; none before the first frame. */
    void offerLast(Client c) {
        Frame f = lastFrame;
        if (f != null) {
            c.offerCurrent(f);
        }
    }
}
