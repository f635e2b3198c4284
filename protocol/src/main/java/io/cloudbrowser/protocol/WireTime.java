package io.cloudbrowser.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How times are written. In JSON APIs: ISO-8601 UTC with exactly three fraction digits
 * ({@code 2026-12-02T13:45:58.120Z}); in browserd's /health: epoch milliseconds. Times are taken at
 * millisecond precision ({@link #clock()}), so a time reads the same before and after it was stored.
 */
public final class WireTime {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /** The system clock at the precision every stored and sent time has. */
    public static Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }

    public static String format(Instant time) {
        return ISO_MILLIS.format(time.truncatedTo(ChronoUnit.MILLIS));
    }
}
