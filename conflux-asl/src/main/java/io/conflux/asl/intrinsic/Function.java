package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.intrinsic.Signature.Kind;
import io.conflux.asl.intrinsic.Signature.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The eighteen intrinsic functions: each one's name, the arguments it takes and what it computes. Argument kinds and
 * per-value rules are declared here and checked in one place, both on literals at load time and on every value at
 * run time; the implementations only see arguments that passed.
 */
enum Function {
    FORMAT("States.Format",
            Signature.repeating(Param.of("a value", Kind.ANY), Param.of("the template", Kind.STRING)),
            true, StringFunctions::format),
    STRING_TO_JSON("States.StringToJson",
            Signature.of(Param.of("the JSON text", Kind.STRING)),
            true, JsonFunctions::stringToJson),
    JSON_TO_STRING("States.JsonToString",
            Signature.of(Param.of("the value", Kind.ANY)),
            true, JsonFunctions::jsonToString),
    ARRAY("States.Array",
            Signature.repeating(Param.of("an item", Kind.ANY)),
            true, ArrayFunctions::array),
    ARRAY_PARTITION("States.ArrayPartition",
            Signature.of(Param.of("the array", Kind.ARRAY), Param.of("the chunk size", Kind.NUMBER, ArrayFunctions::checkChunkSize)),
            true, ArrayFunctions::partition),
    ARRAY_CONTAINS("States.ArrayContains",
            Signature.of(Param.of("the array", Kind.ARRAY), Param.of("the value to look for", Kind.ANY)),
            true, ArrayFunctions::contains),
    ARRAY_RANGE("States.ArrayRange",
            Signature.of(Param.of("the first item", Kind.NUMBER, v -> Numbers.truncate(v, "the first item of States.ArrayRange")),
                    Param.of("the last item", Kind.NUMBER, v -> Numbers.truncate(v, "the last item of States.ArrayRange")),
                    Param.of("the step", Kind.NUMBER, ArrayFunctions::checkStep)),
            true, ArrayFunctions::range),
    ARRAY_GET_ITEM("States.ArrayGetItem",
            Signature.of(Param.of("the array", Kind.ARRAY), Param.of("the index", Kind.NUMBER, ArrayFunctions::checkIndex)),
            true, ArrayFunctions::getItem),
    ARRAY_LENGTH("States.ArrayLength",
            Signature.of(Param.of("the array", Kind.ARRAY)),
            true, ArrayFunctions::length),
    ARRAY_UNIQUE("States.ArrayUnique",
            Signature.of(Param.of("the array", Kind.ARRAY)),
            true, ArrayFunctions::unique),
    BASE64_ENCODE("States.Base64Encode",
            Signature.of(Param.of("the data", Kind.STRING, v -> EncodingFunctions.checkLength(v, "States.Base64Encode"))),
            true, EncodingFunctions::base64Encode),
    BASE64_DECODE("States.Base64Decode",
            Signature.of(Param.of("the Base64 data", Kind.STRING,
                    v -> EncodingFunctions.checkLength(v, "States.Base64Decode"))),
            true, EncodingFunctions::base64Decode),
    HASH("States.Hash",
            Signature.of(Param.of("the data", Kind.STRING, v -> EncodingFunctions.checkLength(v, "States.Hash")),
                    Param.of("the algorithm", Kind.STRING, EncodingFunctions::checkAlgorithm)),
            true, EncodingFunctions::hash),
    JSON_MERGE("States.JsonMerge",
            Signature.of(Param.of("the first object", Kind.OBJECT), Param.of("the second object", Kind.OBJECT),
                    Param.of("the deep merge flag", Kind.BOOLEAN, JsonFunctions::checkShallow)),
            true, JsonFunctions::merge),
    MATH_RANDOM("States.MathRandom",
            Signature.withOptionalLast(Param.of("the start", Kind.NUMBER, v -> Numbers.truncate(v, "the start of States.MathRandom")),
                    Param.of("the end", Kind.NUMBER, v -> Numbers.truncate(v, "the end of States.MathRandom")),
                    Param.of("the seed", Kind.NUMBER)),
            false, RandomFunctions::mathRandom),
    MATH_ADD("States.MathAdd",
            Signature.of(Param.of("the first number", Kind.NUMBER, v -> Numbers.round(v, "the first number of States.MathAdd")),
                    Param.of("the second number", Kind.NUMBER, v -> Numbers.round(v, "the second number of States.MathAdd"))),
            true, MathFunctions::add),
    STRING_SPLIT("States.StringSplit",
            Signature.of(Param.of("the string", Kind.STRING), Param.of("the delimiters", Kind.STRING)),
            true, StringFunctions::split),
    UUID("States.UUID",
            Signature.of(),
            false, RandomFunctions::uuid);

    private static final Map<String, Function> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Function::awsName, f -> f));

    private final String awsName;
    private final Signature signature;
    private final boolean pure;
    private final BiFunction<List<JsonNode>, Scope, JsonNode> impl;

    Function(String awsName, Signature signature, boolean pure, BiFunction<List<JsonNode>, Scope, JsonNode> impl) {
        this.awsName = awsName;
        this.signature = signature;
        this.pure = pure;
        this.impl = impl;
    }

    /** The function named {@code name} (e.g. {@code States.Format}), or null. */
    static Function named(String name) {
        return BY_NAME.get(name);
    }

    /** Every name, for messages. */
    static String allNames() {
        return Arrays.stream(values()).map(Function::awsName).collect(Collectors.joining(", "));
    }

    String awsName() {
        return awsName;
    }

    Signature signature() {
        return signature;
    }

    /** Whether a call with constant arguments always gives the same value, so it can be computed at load time. */
    boolean isPure() {
        return pure;
    }

    /**
     * Checks {@code value} as the argument at {@code index}.
     *
     * @throws BadArgument when it is not acceptable
     */
    void accept(int index, JsonNode value) {
        signature.param(index).accept(awsName, index, value);
    }

    /**
     * Applies the function to evaluated arguments, whose count the parser has checked.
     *
     * @throws EvaluationFailure worded as AWS words it when an argument is not acceptable
     */
    JsonNode invoke(List<JsonNode> args, Scope scope) {
        try {
            for (int i = 0; i < args.size(); i++) {
                accept(i, args.get(i));
            }
            return impl.apply(args, scope);
        } catch (BadArgument e) {
            throw new EvaluationFailure("Invalid arguments in " + awsName, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return awsName;
    }
}
