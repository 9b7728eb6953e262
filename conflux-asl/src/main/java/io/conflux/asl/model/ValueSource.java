package io.conflux.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ValueExpr;

/**
 * A field whose value is either written in the definition or computed per execution: {@code Seconds} or
 * {@code SecondsPath}, {@code TimeoutSeconds} or {@code TimeoutSecondsPath} or a JSONata {@code "{% … %}"}, an
 * {@code Error} or {@code ErrorPath} …
 */
public sealed interface ValueSource {

    /** The value as written. */
    record Literal(JsonNode value) implements ValueSource {}

    /**
     * A value computed by {@code expr}.
     *
     * @param field the field it was written in ({@code SecondsPath}, {@code TimeoutSeconds} …), for messages
     */
    record Computed(ValueExpr expr, String field) implements ValueSource {}
}
