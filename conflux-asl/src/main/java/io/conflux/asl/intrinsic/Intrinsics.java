package io.conflux.asl.intrinsic;

import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.ValueExpr;

/** The intrinsic functions of JSONPath states ({@code States.Format(…)} and the rest). */
public final class Intrinsics {
    private Intrinsics() {}

    /** Whether {@code text} is written as an intrinsic call rather than a path. */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /** Compiles an intrinsic call such as {@code States.Format('{}', $.name)}. */
    public static ValueExpr compile(String text, boolean allowVariables) throws InvalidExpressionException {
        throw new InvalidExpressionException("Intrinsic functions are not implemented yet: " + text);
    }
}
