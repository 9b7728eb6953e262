package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.conflux.asl.expr.Json;

/** Small helpers over JSON values shared by the functions. */
final class Values {
    private Values() {}

    static TextNode text(String s) {
        return Json.NODES.textNode(s);
    }

    /** An integer node of the smallest kind JSON parsing would give, so results compare equal to parsed input. */
    static JsonNode integer(long v) {
        return v == (int) v ? Json.NODES.numberNode((int) v) : Json.NODES.numberNode(v);
    }

    /** A value for messages: {@code the string 'x'}, {@code the number 5}, {@code an object}, {@code null}. */
    static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "the string '" + v.asText() + "'";
            case NUMBER -> "the number " + v.asText();
            case BOOLEAN -> "the boolean " + v.asText();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BINARY, POJO, MISSING -> "no value";
        };
    }

    /** 1 → "1st", 2 → "2nd", … for argument positions in messages. */
    static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
