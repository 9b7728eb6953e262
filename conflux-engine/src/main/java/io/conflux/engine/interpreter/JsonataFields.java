package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.jsonata.JsonType;
import io.conflux.asl.jsonata.JsonataExpr;

/**
 * The JSONata forms of the fields that take one kind of value: TimeoutSeconds, HeartbeatSeconds, Seconds,
 * MaxConcurrency, ToleratedFailureCount (integers), ToleratedFailurePercentage (a number), Error and Cause (strings).
 * Each is evaluated typed, so that a value of the wrong type fails as AWS words it ("returned an unexpected result
 * type. Expected 'integer', but was 'string' for value: \"5\""), then checked against the field's range.
 *
 * <p>The range message is ours: no recording shows AWS's. It keeps AWS's prefix so that it reads like its neighbours
 * and names the field in the EvaluationFailed event's location.
 */
final class JsonataFields {
    private JsonataFields() {}

    /** An integer in {@code [min, max]}. */
    static long integer(JsonataExpr e, Scope scope, long min, long max) {
        JsonNode v = e.evaluate(scope, JsonType.INTEGER);
        if (!v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw outOfRange(e, v, "an integer", min, max);
        }
        return v.asLong();
    }

    /** A number in {@code [min, max]}. */
    static double number(JsonataExpr e, Scope scope, double min, double max) {
        JsonNode v = e.evaluate(scope, JsonType.NUMBER);
        double d = v.asDouble();
        if (!(d >= min && d <= max)) {
            throw outOfRange(e, v, "a number", plain(min), plain(max));
        }
        return d;
    }

    /** A string. */
    static String string(JsonataExpr e, Scope scope) {
        return e.evaluate(scope, JsonType.STRING).asText();
    }

    private static StatesException outOfRange(JsonataExpr e, JsonNode v, String what, Object min, Object max) {
        return StatesException.queryEvaluation("The JSONata expression '" + e.expression()
                + "' specified for the field '" + e.field() + "' returned an out-of-range value. Expected " + what
                + " between " + min + " and " + max + ", but was: " + Json.write(v), e.field());
    }

    private static Object plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
