package io.conflux.asl.intrinsic;

import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.ValueExpr;

/**
 * The intrinsic functions of JSONPath states ({@code States.Format(…)} and the seventeen others), compiled once at
 * load time into an immutable tree and evaluated against a {@link io.conflux.asl.expr.Scope}.
 *
 * <p>What AWS does, where its documentation is silent or wrong, comes from executions recorded on AWS (the
 * conformance corpus) and is noted where it is implemented: how values are written into a format string
 * ({@link JavaText}), how arguments become integers ({@link Numbers}), how path arguments fail
 * ({@link PathArgument}) and the error AWS raises ({@link IntrinsicExpr}).
 */
public final class Intrinsics {
    private Intrinsics() {}

    /** Whether {@code text} is written as an intrinsic call rather than a path. */
    public static boolean isCall(String text) {
        return text.startsWith("States.");
    }

    /**
     * Compiles an intrinsic call such as {@code States.Format('{}', $.name)}.
     *
     * @param allowVariables whether path arguments may read variables ({@code $name.x})
     * @throws InvalidExpressionException when the call is malformed, names an unknown function, has the wrong number
     *     of arguments, or has constant arguments that the function rejects
     */
    public static ValueExpr compile(String text, boolean allowVariables) throws InvalidExpressionException {
        return new IntrinsicExpr(text, Parser.parse(text, allowVariables));
    }
}
