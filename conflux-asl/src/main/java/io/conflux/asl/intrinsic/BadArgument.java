package io.conflux.asl.intrinsic;

/**
 * A function rejected its arguments. {@code reason} says why in full; AWS itself only says "Invalid arguments in
 * States.X", which is what a run-time failure reports, while a load-time check reports the reason.
 */
final class BadArgument extends RuntimeException {
    BadArgument(String reason) {
        super(reason, null, false, false);
    }
}
