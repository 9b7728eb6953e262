package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

/** States.MathRandom and States.UUID: the two functions that draw randomness, which they read from the scope. */
final class RandomFunctions {
    private RandomFunctions() {}

    /**
     * An integer from the start (inclusive) to the end (exclusive). With a seed the value depends on the seed alone,
     * as AWS promises ("the same seed value … will return identical numbers"); which value AWS picks for a seed is not
     * recorded anywhere we could find, so ours is {@code java.util.Random(seed)}'s.
     */
    static JsonNode mathRandom(List<JsonNode> args, Scope scope) {
        int start = Numbers.truncate(args.get(0), "the start");
        int end = Numbers.truncate(args.get(1), "the end");
        if (start >= end) {
            throw new BadArgument("Expected the start of States.MathRandom to be less than its end, but got "
                    + start + " and " + end);
        }
        RandomGenerator random = args.size() > 2 ? new Random(seed(args.get(2))) : scope.random();
        return Values.integer(random.nextLong(start, end));
    }

    private static long seed(JsonNode v) {
        return v.isIntegralNumber() ? v.longValue() : (long) v.doubleValue();
    }

    /** A version 4 UUID. */
    static JsonNode uuid(List<JsonNode> args, Scope scope) {
        RandomGenerator random = scope.random();
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Values.text(new java.util.UUID(msb, lsb).toString());
    }
}
