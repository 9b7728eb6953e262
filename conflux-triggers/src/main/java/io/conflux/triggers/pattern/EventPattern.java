package io.conflux.triggers.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A filter written in EventBridge's event-pattern language, compiled once. A pattern is an object whose fields name
 * the event's fields: a nested object descends into the event; an array lists what the value may be (any one of
 * them matches). Conditions: exact values (strings, numbers, booleans, null), {@code prefix}, {@code suffix},
 * {@code equals-ignore-case}, {@code wildcard}, {@code anything-but} (a value, a list, a prefix, a suffix or a
 * case-insensitive value), {@code numeric} ranges ({@code [">", 0, "<=", 5]}), {@code exists} and {@code $or}. Where the
 * event has an array, the condition holds when it holds for any element. Every condition except
 * {@code "exists": false} needs the field to be there.
 */
public final class EventPattern {

    private final ObjectPattern root;
    private final String text;

    private EventPattern(ObjectPattern root, String text) {
        this.root = root;
        this.text = text;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException naming the place of the first problem ("/detail/size: expected …")
     */
    public static EventPattern compile(JsonNode pattern) {
        if (pattern == null || !pattern.isObject()) {
            throw new IllegalArgumentException("Expected an event pattern (a JSON object), but got "
                    + (pattern == null ? "nothing" : pattern.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return new EventPattern(object(pattern, ""), pattern.toString());
    }

    /** Whether the event matches. */
    public boolean matches(JsonNode event) {
        return root.matches(event);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- compiled form -------------------------------------------------------------------------------------------

    private sealed interface FieldPattern permits ObjectPattern, Conditions {
        /** @param value the event's value of the field, or null when the field is missing */
        boolean matches(JsonNode value);
    }

    private record Field(String name, FieldPattern pattern) {}

    /** Every field matches, and one alternative of each {@code $or}. */
    private record ObjectPattern(List<Field> fields, List<List<ObjectPattern>> ors) implements FieldPattern {
        @Override
        public boolean matches(JsonNode value) {
            if (value == null) {
                // A missing object matches only when everything under it accepts missing fields (exists: false).
                return matchesObject(null);
            }
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isObject() && matchesObject(item)) {
                        return true;
                    }
                }
                return false;
            }
            return value.isObject() && matchesObject(value);
        }

        private boolean matchesObject(JsonNode object) {
            for (Field f : fields) {
                JsonNode v = object == null ? null : object.get(f.name());
                if (!f.pattern().matches(v)) {
                    return false;
                }
            }
            for (List<ObjectPattern> alternatives : ors) {
                boolean any = false;
                for (ObjectPattern alt : alternatives) {
                    if (alt.matchesObject(object)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A leaf: the value matches any of the conditions. */
    private record Conditions(List<Condition> conditions) implements FieldPattern {
        @Override
        public boolean matches(JsonNode value) {
            for (Condition c : conditions) {
                if (c instanceof Exists e) {
                    boolean present = value != null && !value.isObject()
                            && !(value.isArray() && value.isEmpty());
                    if (present == e.exists()) {
                        return true;
                    }
                } else if (value != null) {
                    if (value.isArray()) {
                        for (JsonNode item : value) {
                            if (c.test(item)) {
                                return true;
                            }
                        }
                    } else if (c.test(value)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private sealed interface Condition permits Exact, Prefix, Suffix, IgnoreCase, Wildcard, AnythingBut, Numeric,
            Exists {
        boolean test(JsonNode v);
    }

    private record Exact(JsonNode expected) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            if (expected.isNumber()) {
                return v.isNumber() && v.decimalValue().compareTo(expected.decimalValue()) == 0;
            }
            if (expected.isTextual()) {
                return v.isTextual() && v.textValue().equals(expected.textValue());
            }
            if (expected.isBoolean()) {
                return v.isBoolean() && v.booleanValue() == expected.booleanValue();
            }
            return v.isNull();
        }
    }

    private record Prefix(String prefix, boolean ignoreCase) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && v.textValue().regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    private record Suffix(String suffix, boolean ignoreCase) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            if (!v.isTextual()) {
                return false;
            }
            String s = v.textValue();
            int from = s.length() - suffix.length();
            return from >= 0 && s.regionMatches(ignoreCase, from, suffix, 0, suffix.length());
        }
    }

    private record IgnoreCase(String expected) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && v.textValue().equalsIgnoreCase(expected);
        }
    }

    /** {@code *} stands for any run of characters; {@code \*} is a star. */
    private record Wildcard(java.util.regex.Pattern regex) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            return v.isTextual() && regex.matcher(v.textValue()).matches();
        }
    }

    /** Matches what the inner conditions do not (on a present value). */
    private record AnythingBut(List<Condition> excluded) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            for (Condition c : excluded) {
                if (c.test(v)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Bound(String op, BigDecimal value) {
        boolean holds(BigDecimal v) {
            int c = v.compareTo(value);
            return switch (op) {
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case "=" -> c == 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException("Invalid numeric operator: " + op);
            };
        }
    }

    private record Numeric(List<Bound> bounds) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            if (!v.isNumber()) {
                return false;
            }
            BigDecimal d = v.decimalValue();
            for (Bound b : bounds) {
                if (!b.holds(d)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record Exists(boolean exists) implements Condition {
        @Override
        public boolean test(JsonNode v) {
            throw new IllegalStateException("exists is decided on the field, not on a value");
        }
    }

    // ---- compiler ------------------------------------------------------------------------------------------------

    private static ObjectPattern object(JsonNode node, String at) {
        List<Field> fields = new ArrayList<>();
        List<List<ObjectPattern>> ors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String where = at + "/" + e.getKey();
            JsonNode v = e.getValue();
            if (e.getKey().equals("$or")) {
                if (!v.isArray() || v.size() < 2) {
                    throw problem(where, "expected an array of at least two patterns", v);
                }
                List<ObjectPattern> alts = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    if (!v.get(i).isObject()) {
                        throw problem(where + "/" + i, "expected a pattern (an object)", v.get(i));
                    }
                    alts.add(object(v.get(i), where + "/" + i));
                }
                ors.add(alts);
            } else if (v.isObject()) {
                fields.add(new Field(e.getKey(), object(v, where)));
            } else if (v.isArray()) {
                if (v.isEmpty()) {
                    throw problem(where, "expected at least one value to match", v);
                }
                List<Condition> conditions = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    conditions.add(condition(v.get(i), where + "/" + i));
                }
                fields.add(new Field(e.getKey(), new Conditions(List.copyOf(conditions))));
            } else {
                throw problem(where, "expected an array of values to match or a nested pattern", v);
            }
        }
        if (fields.isEmpty() && ors.isEmpty()) {
            throw new IllegalArgumentException((at.isEmpty() ? "/" : at) + ": expected at least one field to match");
        }
        return new ObjectPattern(List.copyOf(fields), List.copyOf(ors));
    }

    private static Condition condition(JsonNode c, String at) {
        if (c.isTextual() || c.isNumber() || c.isBoolean() || c.isNull()) {
            return new Exact(c);
        }
        if (!c.isObject() || c.size() != 1) {
            throw problem(at, "expected a value or an object with one matcher (prefix, suffix, anything-but, "
                    + "numeric, exists, equals-ignore-case, wildcard)", c);
        }
        Map.Entry<String, JsonNode> m = c.properties().iterator().next();
        JsonNode v = m.getValue();
        String where = at + "/" + m.getKey();
        return switch (m.getKey()) {
            case "prefix" -> v.isObject() ? new Prefix(ignoreCaseOperand(v, where), true)
                    : new Prefix(text(v, where), false);
            case "suffix" -> v.isObject() ? new Suffix(ignoreCaseOperand(v, where), true)
                    : new Suffix(text(v, where), false);
            case "equals-ignore-case" -> new IgnoreCase(text(v, where));
            case "wildcard" -> wildcard(text(v, where));
            case "exists" -> {
                if (!v.isBoolean()) {
                    throw problem(where, "expected true or false", v);
                }
                yield new Exists(v.booleanValue());
            }
            case "numeric" -> numeric(v, where);
            case "anything-but" -> anythingBut(v, where);
            default -> throw problem(at, "expected one of prefix, suffix, anything-but, numeric, exists, "
                    + "equals-ignore-case, wildcard as the matcher, but got '" + m.getKey() + "'", c);
        };
    }

    private static String ignoreCaseOperand(JsonNode v, String at) {
        if (v.size() != 1 || !v.has("equals-ignore-case")) {
            throw problem(at, "expected a string or {\"equals-ignore-case\": string}", v);
        }
        return text(v.get("equals-ignore-case"), at + "/equals-ignore-case");
    }

    private static Condition anythingBut(JsonNode v, String at) {
        if (v.isArray()) {
            if (v.isEmpty()) {
                throw problem(at, "expected at least one value", v);
            }
            List<Condition> excluded = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (!(x.isTextual() || x.isNumber())) {
                    throw problem(at + "/" + i, "expected a string or a number", x);
                }
                excluded.add(new Exact(x));
            }
            return new AnythingBut(List.copyOf(excluded));
        }
        if (v.isTextual() || v.isNumber()) {
            return new AnythingBut(List.of(new Exact(v)));
        }
        if (v.isObject() && v.size() == 1) {
            Map.Entry<String, JsonNode> m = v.properties().iterator().next();
            String where = at + "/" + m.getKey();
            List<Condition> excluded = switch (m.getKey()) {
                case "prefix" -> List.of(new Prefix(text(m.getValue(), where), false));
                case "suffix" -> List.of(new Suffix(text(m.getValue(), where), false));
                case "wildcard" -> List.of(wildcard(text(m.getValue(), where)));
                case "equals-ignore-case" -> {
                    if (!m.getValue().isArray()) {
                        yield List.of(new IgnoreCase(text(m.getValue(), where)));
                    }
                    List<Condition> all = new ArrayList<>();
                    for (int i = 0; i < m.getValue().size(); i++) {
                        all.add(new IgnoreCase(text(m.getValue().get(i), where + "/" + i)));
                    }
                    yield List.copyOf(all);
                }
                default -> throw problem(at, "expected a value, a list, or prefix, suffix, wildcard or "
                        + "equals-ignore-case inside anything-but, but got '" + m.getKey() + "'", v);
            };
            return new AnythingBut(excluded);
        }
        throw problem(at, "expected a value, a list of values, or an object with prefix, suffix, wildcard or "
                + "equals-ignore-case", v);
    }

    private static Condition numeric(JsonNode v, String at) {
        if (!v.isArray() || (v.size() != 2 && v.size() != 4)) {
            throw problem(at, "expected [operator, number] or [operator, number, operator, number]", v);
        }
        List<Bound> bounds = new ArrayList<>();
        for (int i = 0; i < v.size(); i += 2) {
            JsonNode op = v.get(i);
            JsonNode n = v.get(i + 1);
            if (!op.isTextual() || !List.of("<", "<=", "=", ">", ">=").contains(op.textValue())) {
                throw problem(at + "/" + i, "expected one of <, <=, =, >, >=", op);
            }
            if (!n.isNumber()) {
                throw problem(at + "/" + (i + 1), "expected a number", n);
            }
            bounds.add(new Bound(op.textValue(), n.decimalValue()));
        }
        if (bounds.size() == 2) {
            String a = bounds.get(0).op();
            String b = bounds.get(1).op();
            if (!(a.startsWith(">") && b.startsWith("<"))) {
                throw problem(at, "expected a range as a lower bound (> or >=) then an upper bound (< or <=)", v);
            }
        }
        return new Numeric(List.copyOf(bounds));
    }

    private static Wildcard wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                literal.append('*');
                i++;
            } else if (ch == '*') {
                if (!literal.isEmpty()) {
                    regex.append(java.util.regex.Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(".*");
            } else {
                literal.append(ch);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(java.util.regex.Pattern.quote(literal.toString()));
        }
        return new Wildcard(java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL));
    }

    private static String text(JsonNode v, String at) {
        if (!v.isTextual()) {
            throw problem(at, "expected a string", v);
        }
        return v.textValue();
    }

    private static IllegalArgumentException problem(String at, String expected, JsonNode got) {
        return new IllegalArgumentException(at + ": " + expected + ", but got " + got);
    }
}
