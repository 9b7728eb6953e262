package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * The functions Step Functions adds to JSONata ({@code $partition}, {@code $range}, {@code $hash}, {@code $random},
 * {@code $uuid}, {@code $parse}), and the two whose time it takes from the execution ({@code $now},
 * {@code $millis}).
 *
 * <p>How each treats a missing, mistyped or surplus argument follows what AWS answers, as measured by others against
 * the live service (documented per function). Non-integer numbers are truncated towards zero, as AWS documents
 * ("round down") and as measured ({@code $range(-1.7, 2, 1)} starts at -1). Each signature declares one optional
 * argument more than the function takes, so that a surplus argument reaches the function and is refused with AWS's
 * message naming it, instead of the library's.
 */
final class StepFunctionsFunctions {
    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    /** The functions that need nothing from the evaluation: registered once per compiled expression. */
    static final Map<String, JFunction> STATIC = Map.of(
            "partition", new JFunction((input, args) -> partition(args), "<x?x?x?:x>"),
            "range", new JFunction((input, args) -> range(args), "<x?x?x?x?:x>"),
            "hash", new JFunction((input, args) -> hash(args), "<x?x?x?:x>"),
            "parse", new JFunction((input, args) -> parse(args), "<x?x?:x>"));

    /** The names of the functions bound per evaluation, because they read the scope's randomness or clock. */
    static final Set<String> PER_EVALUATION = Set.of("random", "uuid", "now", "millis");

    private StepFunctionsFunctions() {}

    private static Object arg(List<?> args, int index) {
        return index < args.size() ? args.get(index) : null;
    }

    private static void noSurplus(List<?> args, String function, int arity) {
        if (arg(args, arity) != null) {
            throw FunctionError.signature(function, arity + 1);
        }
    }

    /** A whole number from a numeric argument, truncated towards zero; a signature error for anything else. */
    private static long integer(Object value, String function, int argument) {
        if (!(value instanceof Number n)) {
            throw FunctionError.signature(function, argument);
        }
        return (long) n.doubleValue();
    }

    /**
     * {@code $partition(array, size)}: chunks of {@code size}, the last one shorter. A missing or empty array and a
     * size of 0 give undefined; a missing size gives the whole array as one chunk; a negative size is an error.
     */
    static Object partition(List<?> args) {
        noSurplus(args, "partition", 2);
        Object array = arg(args, 0);
        if (array == null) {
            return null;
        }
        if (!(array instanceof List<?> list)) {
            throw new FunctionError("T0412", "Argument 1 of function \"partition\" must be an array of undefined");
        }
        if (list.isEmpty()) {
            return null;
        }
        Object sizeArg = arg(args, 1);
        if (sizeArg == null) {
            return new ArrayList<>(List.of(new ArrayList<>(list)));
        }
        long size = integer(sizeArg, "partition", 2);
        if (size < 0) {
            throw FunctionError.raised("Second argument must be zero or greater");
        }
        if (size == 0) {
            return null;
        }
        List<Object> chunks = new ArrayList<>();
        int n = list.size();
        int step = (int) Math.min(size, n);
        for (int i = 0; i < n; i += step) {
            chunks.add(new ArrayList<>(list.subList(i, Math.min(i + step, n))));
        }
        return chunks;
    }

    /**
     * {@code $range(start, end, step)}: from start towards end, end included when a step lands on it. A missing or
     * zero step, or one pointing away from the end, gives undefined; a one-element range gives its element (AWS
     * returns {@code 1}, not {@code [1]}, for {@code $range(1, 9, 9)}).
     */
    static Object range(List<?> args) {
        noSurplus(args, "range", 3);
        long start = integer(arg(args, 0), "range", 1);
        long end = integer(arg(args, 1), "range", 2);
        Object stepArg = arg(args, 2);
        if (stepArg == null) {
            return null;
        }
        long step = integer(stepArg, "range", 3);
        if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end)) {
            return null;
        }
        // counted with exact arithmetic: a step near Long.MAX_VALUE must not wrap around
        BigInteger count = BigInteger.valueOf(end).subtract(BigInteger.valueOf(start))
                .divide(BigInteger.valueOf(step)).add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(StepFunctionsLimits.MAX_RANGE)) > 0) {
            throw new FunctionError(null, StepFunctionsLimits.MEMORY);
        }
        int size = count.intValue();
        if (size == 1) {
            return JsonValues.normalize(start);
        }
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(JsonValues.normalize(start + i * step));
        }
        return values;
    }

    /**
     * {@code $hash(data, algorithm)}: the lowercase hex digest of the UTF-8 bytes. A missing algorithm gives
     * undefined; a name outside the five AWS supports is an error naming them.
     */
    static Object hash(List<?> args) {
        noSurplus(args, "hash", 2);
        if (!(arg(args, 0) instanceof String data)) {
            throw FunctionError.signature("hash", 1);
        }
        Object algorithmArg = arg(args, 1);
        if (algorithmArg == null) {
            return null;
        }
        if (!(algorithmArg instanceof String algorithm)) {
            throw FunctionError.signature("hash", 2);
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw FunctionError.raised(
                    "Hash algorithm '" + algorithm + "' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks " + algorithm, e);
        }
    }

    /**
     * {@code $parse(json)}: the value of a JSON text, replacing {@code $eval}. AWS refuses what a lenient parser
     * accepts: an empty text, a repeated key, a second value after the first.
     */
    static Object parse(List<?> args) {
        noSurplus(args, "parse", 1);
        Object text = arg(args, 0);
        if (text == null) {
            return null;
        }
        if (!(text instanceof String s)) {
            throw FunctionError.signature("parse", 1);
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(s);
        } catch (JsonProcessingException e) {
            throw FunctionError.raised("Invalid JSON");
        }
        if (parsed == null || parsed.isMissingNode() || !finite(parsed)) {
            throw FunctionError.raised("Invalid JSON");
        }
        return JsonValues.toJsonata(parsed);
    }

    private static boolean finite(JsonNode node) {
        if (node.isNumber()) {
            return !node.isFloatingPointNumber() || Double.isFinite(node.doubleValue());
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!finite(child)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@code $random()} draws from the scope; {@code $random(seed)} is {@code java.util.Random} seeded with it, which
     * is what AWS runs: {@code $random(42)} is 0.7275636800328681 there as here.
     */
    static JFunction random(RandomGenerator generator) {
        return new JFunction((input, args) -> {
            noSurplus(args, "random", 1);
            Object seed = arg(args, 0);
            if (seed == null) {
                return generator.nextDouble();
            }
            return new Random(integer(seed, "random", 1)).nextDouble();
        }, "<x?x?:n>");
    }

    /** {@code $uuid()}: a version 4 UUID from the scope's randomness. Takes no argument. */
    static JFunction uuid(RandomGenerator generator) {
        return new JFunction((input, args) -> {
            noSurplus(args, "uuid", 0);
            long high = (generator.nextLong() & ~0xF000L) | 0x4000L;
            long low = (generator.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
            return new UUID(high, low).toString();
        }, "<x?:s>");
    }

    /** {@code $now(picture, timezone)}: the evaluation's time, fixed for the whole evaluation as in jsonata-js. */
    static JFunction now(long millis) {
        return new JFunction((input, args) -> Functions.dateTimeFromMillis(millis,
                (String) nullIfNull(arg(args, 0)), (String) nullIfNull(arg(args, 1))), "<s?s?:s>");
    }

    /** {@code $millis()}: the evaluation's time in milliseconds since the epoch. */
    static JFunction millis(long millis) {
        return new JFunction((input, args) -> millis, "<:n>");
    }

    private static Object nullIfNull(Object value) {
        return value == Jsonata.NULL_VALUE ? null : value;
    }
}
