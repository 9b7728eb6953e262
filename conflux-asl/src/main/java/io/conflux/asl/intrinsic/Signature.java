package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The arguments a function accepts: its parameters in order, how many of the last ones may be left out, and the
 * parameter that repeats after them (States.Array, States.Format), if any.
 */
record Signature(List<Param> params, int optional, Param repeated) {

    Signature {
        params = List.copyOf(params);
    }

    static Signature of(Param... params) {
        return new Signature(List.of(params), 0, null);
    }

    static Signature withOptionalLast(Param... params) {
        return new Signature(List.of(params), 1, null);
    }

    static Signature repeating(Param repeated, Param... first) {
        return new Signature(List.of(first), 0, repeated);
    }

    boolean accepts(int count) {
        return count >= params.size() - optional && (repeated != null || count <= params.size());
    }

    /** The parameter at {@code index} (zero-based), which the caller has checked exists. */
    Param param(int index) {
        return index < params.size() ? params.get(index) : repeated;
    }

    /** "1 argument", "2 or 3 arguments", "at least 1 argument", "no arguments". */
    String arity() {
        int min = params.size() - optional;
        if (repeated != null) {
            return "at least " + plural(min);
        }
        if (optional == 0) {
            return min == 0 ? "no arguments" : plural(min);
        }
        return min + " or " + plural(params.size());
    }

    private static String plural(int n) {
        return n + (n == 1 ? " argument" : " arguments");
    }

    /** The type of value a parameter takes. */
    enum Kind {
        ANY("any value"),
        ARRAY("an array"),
        OBJECT("an object"),
        STRING("a string"),
        NUMBER("a number"),
        BOOLEAN("a boolean");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        boolean matches(JsonNode v) {
            return switch (this) {
                case ANY -> true;
                case ARRAY -> v.isArray();
                case OBJECT -> v.isObject();
                case STRING -> v.isTextual();
                case NUMBER -> v.isNumber();
                case BOOLEAN -> v.isBoolean();
            };
        }

        String text() {
            return text;
        }
    }

    /** A further rule on a parameter's value, checked on literals at load time and on every value at run time. */
    @FunctionalInterface
    interface Rule {
        /** @throws BadArgument when {@code value} breaks the rule */
        void check(JsonNode value);
    }

    /** One parameter: its name (for messages), its kind and an optional further rule. */
    record Param(String name, Kind kind, Rule rule) {

        static Param any(String name) {
            return new Param(name, Kind.ANY, null);
        }

        static Param array(String name) {
            return new Param(name, Kind.ARRAY, null);
        }

        static Param object(String name) {
            return new Param(name, Kind.OBJECT, null);
        }

        static Param string(String name) {
            return new Param(name, Kind.STRING, null);
        }

        static Param string(String name, Rule rule) {
            return new Param(name, Kind.STRING, rule);
        }

        static Param number(String name) {
            return new Param(name, Kind.NUMBER, null);
        }

        static Param number(String name, Rule rule) {
            return new Param(name, Kind.NUMBER, rule);
        }

        /** A number that must truncate to a 32-bit integer; {@code what} names it in messages. */
        static Param integer(String name, String what) {
            return new Param(name, Kind.NUMBER, v -> Numbers.truncate(v, what));
        }

        static Param bool(String name, Rule rule) {
            return new Param(name, Kind.BOOLEAN, rule);
        }

        /** @throws BadArgument when {@code value} is not what this parameter takes */
        void accept(String function, int index, JsonNode value) {
            if (!kind.matches(value)) {
                throw new BadArgument("Expected the " + Values.ordinal(index + 1) + " argument of " + function
                        + " (" + name + ") to be " + kind.text() + ", but got " + Values.describe(value));
            }
            if (rule != null) {
                rule.check(value);
            }
        }
    }
}
