package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares JSON numbers by value, whatever their spelling: {@code 1}, {@code 1.0} and {@code 1e0} are equal. Exact
 * (no rounding through {@code double}) so that integers beyond 2^53 keep their order.
 */
final class Numbers {
    private Numbers() {}

    static int compare(JsonNode a, JsonNode b) {
        if (isLong(a) && isLong(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        if (a.isFloatingPointNumber() && b.isFloatingPointNumber() && !a.isBigDecimal() && !b.isBigDecimal()) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            // Not Double.compare: it orders -0.0 before 0.0, and JSON's -0.0 and 0 are the same number.
            return x < y ? -1 : x > y ? 1 : 0;
        }
        if (!isFinite(a) || !isFinite(b)) {
            // 1e400 reads as infinity, which BigDecimal cannot hold.
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.decimalValue().compareTo(b.decimalValue());
    }

    private static boolean isLong(JsonNode n) {
        return n.isInt() || n.isLong() || n.isShort();
    }

    private static boolean isFinite(JsonNode n) {
        return !(n.isDouble() || n.isFloat()) || Double.isFinite(n.doubleValue());
    }
}
