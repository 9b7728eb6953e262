package io.conflux.server;

import java.math.BigDecimal;
import java.time.Instant;

/** The JSON 1.0 protocol writes timestamps as epoch seconds, with milliseconds as a fraction. */
final class Timestamps {
    private Timestamps() {}

    static BigDecimal seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }
}
