package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * The type a comparison operator works on, and how a JSON value is read as that type: the value, or null when the
 * JSON value is of another type (which makes the comparison false, as the States Language specifies).
 *
 * @param name the type as operator names spell it, e.g. {@code Numeric} in {@code NumericEquals}
 * @param jsonType the JSON type a literal operand must have, as validation messages name it
 */
record ValueType<T>(String name, String jsonType, Function<JsonNode, T> reader, Comparator<T> order) {

    static final ValueType<String> STRING = new ValueType<>("String", "STRING",
            n -> n.isTextual() ? n.textValue() : null,
            // UTF-16 code unit order (String.compareTo): the spec asks for character-by-character comparison with
            // no normalisation, and AWS runs on the JVM.
            String::compareTo);

    static final ValueType<JsonNode> NUMERIC = new ValueType<>("Numeric", "NUMBER",
            n -> n.isNumber() ? n : null, Numbers::compare);

    static final ValueType<Boolean> BOOLEAN = new ValueType<>("Boolean", "BOOLEAN",
            n -> n.isBoolean() ? n.booleanValue() : null, Boolean::compare);

    static final ValueType<Instant> TIMESTAMP = new ValueType<>("Timestamp", "STRING",
            n -> n.isTextual() ? Timestamps.parse(n.textValue()) : null, Instant::compareTo);

    /** The value of {@code node} as this type, or null when it is of another type. */
    T read(JsonNode node) {
        return reader.apply(node);
    }

    int compare(T a, T b) {
        return order.compare(a, b);
    }

    @Override
    public String toString() {
        return name;
    }
}
