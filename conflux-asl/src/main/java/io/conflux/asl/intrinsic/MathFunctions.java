package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import java.util.List;

/** States.MathAdd. */
final class MathFunctions {
    private MathFunctions() {}

    /**
     * Each operand is rounded half up first (1.5 + 1.51 = 4, -1.5 + 0 = -1, as recorded on AWS); the sum of two
     * 32-bit values is exact.
     */
    static JsonNode add(List<JsonNode> args, Scope scope) {
        long a = Numbers.round(args.get(0), "the first number");
        long b = Numbers.round(args.get(1), "the second number");
        return Values.integer(a + b);
    }
}
