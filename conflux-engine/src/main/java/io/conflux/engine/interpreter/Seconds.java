package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.jsonata.JsonataExpr;
import io.conflux.asl.model.ValueSource;

/** Resolves TimeoutSeconds(Path) and HeartbeatSeconds(Path) to a number of seconds. */
final class Seconds {
    /** AWS's bounds of TimeoutSeconds and HeartbeatSeconds, the same as the definition's literals are held to. */
    static final long MIN = 1;
    static final long MAX = 99_999_999L;

    private Seconds() {}

    /** The value, or null when the field is absent. */
    static Long resolve(ValueSource source, StateScope scope) {
        return switch (source) {
            case null -> null;
            case ValueSource.Literal l -> l.value().asLong();
            case ValueSource.Computed c when c.expr() instanceof JsonataExpr e -> JsonataFields.integer(e, scope, MIN,
                    MAX);
            case ValueSource.Computed c -> {
                JsonNode v;
                try {
                    v = c.expr().evaluate(scope);
                } catch (PathNotFoundException e) {
                    throw StatesException.runtime(e.getMessage());
                }
                if (v == null || !v.canConvertToExactIntegral() || v.asLong() <= 0) {
                    String where = c.expr() instanceof JsonPath p ? p.text() : c.field();
                    throw StatesException.runtime("The " + c.field() + " field refers to value \""
                            + (v == null ? "null" : v.isTextual() ? v.asText() : Json.write(v))
                            + "\" which is not a valid positive integer: " + where);
                }
                yield v.asLong();
            }
        };
    }
}
