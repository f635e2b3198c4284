package io.cloudbrowser.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The frames one {@link WsClient} received: all counted, all their seqs kept, the latest {@value #KEPT} kept whole
 * (a noisy page sends ~1 MB ones at 60 per second), each handed to a listener on the reading thread.
 */
final class FrameLog {
    static final int KEPT = 50;

    private final Deque<ReceivedFrame> latest = new ArrayDeque<>();
    private final List<Long> seqs = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Consumer<ReceivedFrame> listener = f -> { };

    void add(ReceivedFrame frame) {
        synchronized (latest) {
            latest.addLast(frame);
            if (latest.size() > KEPT) {
                latest.removeFirst();
            }
            seqs.add(frame.seq());
        }
        count.incrementAndGet();
        listener.accept(frame);
    }

    void listener(Consumer<ReceivedFrame> listener) {
        this.listener = listener;
    }

    int count() {
        return count.get();
    }

    List<Long> seqs() {
        synchronized (latest) {
            return List.copyOf(seqs);
        }
    }

    List<ReceivedFrame> latest() {
        synchronized (latest) {
            return List.copyOf(latest);
        }
    }

    ReceivedFrame last() {
        synchronized (latest) {
            return latest.peekLast();
        }
    }
}
