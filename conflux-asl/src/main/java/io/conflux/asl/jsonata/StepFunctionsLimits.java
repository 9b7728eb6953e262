package io.conflux.asl.jsonata;

/**
 * The bounds on one evaluation. AWS fails an expression that nests too deep with the stack overflow text below,
 * without an error code. Measured by others against AWS: {@code $f(30)} of a non-tail recursion passes and
 * {@code $f(40)} fails, and a sum of 200 terms fails; the library's depth count bounded at 100 gives the same answers
 * (largest passing recursion 31, largest passing sum 100 terms).
 */
final class StepFunctionsLimits {
    /** The deepest evaluation nesting, in the library's count. */
    static final int MAX_DEPTH = 100;
    /** An expression that loops (a tail call optimised into a loop) is stopped after this long. */
    static final long TIMEOUT_MILLIS = 5_000;
    /** The most elements {@code $range} builds; AWS's memory limit stops sequences well before this. */
    static final int MAX_RANGE = 10_000_000;

    static final String STACK_OVERFLOW =
            "Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.";
    static final String TIMEOUT = "Expression evaluation timeout: Check for infinite loop";
    static final String MEMORY = "Expression evaluation memory limit exceeded: Check for excessive memory usage";

    private StepFunctionsLimits() {}
}
