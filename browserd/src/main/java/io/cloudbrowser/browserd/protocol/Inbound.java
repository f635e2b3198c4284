package io.cloudbrowser.browserd.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Client-to-server messages (PROTOCOL.md section 2), parsed and validated. */
public sealed interface Inbound {

    record Command(String id, String method, ObjectNode params) implements Inbound {
    }

    /** Mouse input; x and y are in the client's surface space ({@code surfaceW x surfaceH}), 0 = none given. */
    record Mouse(String action, double x, double y, String button, int clickCount, double deltaX, double deltaY,
                 int modifiers, double surfaceW, double surfaceH) implements Inbound {
    }

    record Key(String action, String key, String code, String text, int modifiers) implements Inbound {
    }

    record Ping(long t) implements Inbound {
    }

    record Control(boolean take) implements Inbound {
    }

    /** Per-connection stream settings; null fields keep the current value. */
    record Stream(Integer quality, Integer maxWidth, Integer maxHeight, Integer everyNthFrame, Boolean binary,
                  Boolean paused) implements Inbound {
    }
}
