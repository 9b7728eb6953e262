package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;

/** A compiled expression that yields one JSON value: a JSONPath, an intrinsic function call or a JSONata expression. */
public interface ValueExpr {

    /**
     * Evaluates against {@code scope}.
     *
     * @throws StatesException when the expression fails as AWS defines it (missing path, bad argument, …)
     */
    JsonNode evaluate(Scope scope);

    /** The source text, as written in the definition. */
    String text();
}
