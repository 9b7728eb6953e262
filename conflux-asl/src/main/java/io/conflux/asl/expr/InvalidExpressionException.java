package io.conflux.asl.expr;

/** A path, intrinsic call or JSONata expression that does not compile. Raised at load time, never at run time. */
public final class InvalidExpressionException extends Exception {
    public InvalidExpressionException(String message) {
        super(message, null, false, false);
    }
}
