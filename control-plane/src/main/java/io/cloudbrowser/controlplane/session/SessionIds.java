package io.cloudbrowser.controlplane.session;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Session ids: {@code s-} and 96 random bits, unguessable so an id alone reveals nothing. */
final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "s-" + HexFormat.of().formatHex(bytes);
    }
}
