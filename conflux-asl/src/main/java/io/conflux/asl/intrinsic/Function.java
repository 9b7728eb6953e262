package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Scope;
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
            Signature.repeating(Param.any("a value"), Param.string("the template")),
            true, StringFunctions::format),
    STRING_TO_JSON("States.StringToJson",
            Signature.of(Param.string("the JSON text")),
            true, JsonFunctions::stringToJson),
    JSON_TO_STRING("States.JsonToString",
            Signature.of(Param.any("the value")),
            true, JsonFunctions::jsonToString),
    ARRAY("States.Array",
            Signature.repeating(Param.any("an item")),
            true, ArrayFunctions::array),
    ARRAY_PARTITION("States.ArrayPartition",
            Signature.of(Param.array("the array"), Param.number("the chunk size", ArrayFunctions::checkChunkSize)),
            true, ArrayFunctions::partition),
    ARRAY_CONTAINS("States.ArrayContains",
            Signature.of(Param.array("the array"), Param.any("the value to look for")),
            true, ArrayFunctions::contains),
    ARRAY_RANGE("States.ArrayRange",
            Signature.of(Param.integer("the first item", "the first item of States.ArrayRange"),
                    Param.integer("the last item", "the last item of States.ArrayRange"),
                    Param.number("the step", ArrayFunctions::checkStep)),
            true, ArrayFunctions::range),
    ARRAY_GET_ITEM("States.ArrayGetItem",
            Signature.of(Param.array("the array"), Param.number("the index", ArrayFunctions::checkIndex)),
            true, ArrayFunctions::getItem),
    ARRAY_LENGTH("States.ArrayLength",
            Signature.of(Param.array("the array")),
            true, ArrayFunctions::length),
    ARRAY_UNIQUE("States.ArrayUnique",
            Signature.of(Param.array("the array")),
            true, ArrayFunctions::unique),
    BASE64_ENCODE("States.Base64Encode",
            Signature.of(Param.string("the data", v -> EncodingFunctions.checkLength(v, "States.Base64Encode"))),
            true, EncodingFunctions::base64Encode),
    BASE64_DECODE("States.Base64Decode",
            Signature.of(Param.string("the data", v -> EncodingFunctions.checkLength(v, "States.Base64Decode"))),
            true, EncodingFunctions::base64Decode),
    HASH("States.Hash",
            Signature.of(Param.string("the data", v -> EncodingFunctions.checkLength(v, "States.Hash")),
                    Param.string("the algorithm", EncodingFunctions::checkAlgorithm)),
            true, EncodingFunctions::hash),
    JSON_MERGE("States.JsonMerge",
            Signature.of(Param.object("the first object"), Param.object("the second object"),
                    Param.bool("the deep merge flag", JsonFunctions::checkShallow)),
            true, JsonFunctions::merge),
    MATH_RANDOM("States.MathRandom",
            Signature.withOptionalLast(Param.integer("the start", "the start of States.MathRandom"),
                    Param.integer("the end", "the end of States.MathRandom"),
                    Param.number("the seed")),
            false, RandomFunctions::mathRandom),
    MATH_ADD("States.MathAdd",
            Signature.of(Param.number("the first number", v -> Numbers.round(v, "the first number of States.MathAdd")),
                    Param.number("the second number",
                            v -> Numbers.round(v, "the second number of States.MathAdd"))),
            true, MathFunctions::add),
    STRING_SPLIT("States.StringSplit",
            Signature.of(Param.string("the string"), Param.string("the delimiters")),
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
