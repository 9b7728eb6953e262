package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** How JavaScript writes values into messages: {@code JSON.stringify} and {@code String(value)}. */
final class JsText {
    /** JavaScript's undefined, distinct from Java null so a message can say "undefined". */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    private JsText() {}

    /** {@code JSON.stringify(value)}; "undefined" where JavaScript would return undefined. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        if (!json(value, out)) {
            return "undefined";
        }
        return out.toString();
    }

    /** {@code String(value)}. */
    static String raw(Object value) {
        if (value == null || value == UNDEFINED) {
            return "undefined";
        }
        if (value == Jsonata.NULL_VALUE) {
            return "null";
        }
        if (value instanceof Number n) {
            return number(n);
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Object e = list.get(i);
                if (e != null && e != Jsonata.NULL_VALUE) {
                    out.append(raw(e));
                }
            }
            return out.toString();
        }
        if (value instanceof Map) {
            return "[object Object]";
        }
        return String.valueOf(value);
    }

    /** Appends the JSON of {@code value}; false when JavaScript would write nothing (undefined, a function). */
    private static boolean json(Object value, StringBuilder out) {
        if (value == null || value == UNDEFINED || JsonValues.isFunction(value)) {
            return false;
        }
        if (value == Jsonata.NULL_VALUE) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? number(n) : "null");
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!json(list.get(i), out)) {
                    out.append("null");
                }
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                int mark = out.length();
                if (!first) {
                    out.append(',');
                }
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                if (json(e.getValue(), out)) {
                    first = false;
                } else {
                    out.setLength(mark);
                }
            }
            out.append('}');
        } else {
            quote(String.valueOf(value), out);
        }
        return true;
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A number as JavaScript writes it: {@code 1} for 1.0, {@code 1e-7}, {@code 1.5e+21}. */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.toString();
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return "0";
        }
        // Java's shortest round-trip digits are JavaScript's; only the layout differs (ECMA-262 Number::toString).
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int k = digits.length();
        int e = k - b.scale();
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (k <= e && e <= 21) {
            out.append(digits).append("0".repeat(e - k));
        } else if (0 < e && e <= 21) {
            out.append(digits, 0, e).append('.').append(digits, e, k);
        } else if (-6 < e && e <= 0) {
            out.append("0.").append("0".repeat(-e)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e - 1 >= 0 ? "+" : "-").append(Math.abs(e - 1));
        }
        return out.toString();
    }
}
