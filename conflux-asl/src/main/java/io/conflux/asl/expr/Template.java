package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A compiled payload: a JSON value some of whose parts are computed. In JSONPath states these are Parameters,
 * ResultSelector and ItemSelector ({@code "key.$"} fields); in JSONata states Arguments, Output and Items
 * ({@code "{% … %}"} strings).
 */
public interface Template {

    /** Builds the payload. Static parts are shared, never copied: callers must not mutate the result. */
    JsonNode evaluate(Scope scope);
}
