package io.cloudbrowser.controlplane.job;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Job ids: {@code j-} and 96 random bits, like session ids: an id alone reveals nothing. */
final class JobIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {
    }

    static String next() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "j-" + HexFormat.of().formatHex(bytes);
    }
}
