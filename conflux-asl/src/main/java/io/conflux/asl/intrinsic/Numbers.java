package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The integers functions take. The docs say non-integers are "rounded off", but AWS truncates towards zero (a chunk
 * size of 2.6 partitions by 2, 0.6 is rejected as zero) everywhere except States.MathAdd, whose recorded results
 * round half up like Java's {@code Math.round} (2.5 → 3, -2.5 → -2, -0.5 → 0).
 */
final class Numbers {
    private Numbers() {}

    /** {@code n} truncated towards zero; it must lie in the 32-bit range. */
    static int truncate(JsonNode n, String what) {
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            throw outOfRange(n, what);
        }
        double d = n.doubleValue();
        if (!(d > Integer.MIN_VALUE - 1.0 && d < Integer.MAX_VALUE + 1.0)) {
            throw outOfRange(n, what);
        }
        return (int) d;
    }

    /** {@code n} rounded half up; it must lie in the 32-bit range. */
    static int round(JsonNode n, String what) {
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            throw outOfRange(n, what);
        }
        double d = n.doubleValue();
        long rounded = Math.round(d);
        if (Double.isNaN(d) || rounded != (int) rounded) {
            throw outOfRange(n, what);
        }
        return (int) rounded;
    }

    private static BadArgument outOfRange(JsonNode n, String what) {
        return new BadArgument("Expected " + what + " to be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
                + ", but got " + n.asText());
    }
}
