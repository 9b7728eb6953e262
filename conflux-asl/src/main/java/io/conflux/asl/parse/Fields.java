package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Problems;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of one JSON object of a definition, read with AWS's schema checks: types, required and unknown fields,
 * fields that exclude each other, enumerations and ranges. Every failed check is reported with AWS's wording and
 * location and answers null (or false), so callers carry on and find the next problem.
 */
final class Fields {
    private final JsonNode node;
    private final String pointer;
    private final Problems problems;

    Fields(JsonNode node, String pointer, Problems problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    JsonNode node() {
        return node;
    }

    /** The pointer of the object itself. */
    String pointer() {
        return pointer;
    }

    String pointer(String field) {
        return Problems.child(pointer, field);
    }

    boolean has(String field) {
        return node.has(field);
    }

    JsonNode get(String field) {
        return node.get(field);
    }

    /** Reports a problem with a field, located at the field. */
    void report(String field, String message) {
        problems.report(pointer(field), SCHEMA_VALIDATION_FAILED, message);
    }

    /** Reports a problem with the object as a whole, located at the object. */
    void reportHere(String message) {
        problems.report(pointer, SCHEMA_VALIDATION_FAILED, message);
    }

    // ---- AWS's schema messages ---------------------------------------------------------------------------------

    /** AWS's name of a JSON type in "Expected value of type [STRING]". */
    static String typeName(JsonNode value) {
        return value.getNodeType().name().toUpperCase(Locale.ROOT);
    }

    static String expectedType(String type) {
        return "Expected value of type [" + type + "]";
    }

    static String notSupported(String field) {
        return "Field '" + field + "' is not supported";
    }

    static String oneOfAtMost(Collection<String> fields) {
        return "There should only be one of the following fields: " + fields;
    }

    static String exactlyOneOf(Collection<String> fields) {
        return "This object should have only one of the following fields: " + fields;
    }

    static String oneOfValues(Collection<String> values) {
        return "Value should be one of the following: " + values;
    }

    static final String EMPTY = "Value cannot be empty";

    // ---- structure ---------------------------------------------------------------------------------------------

    /** Reports the missing ones of {@code fields}, together, at the object. Answers whether all are present. */
    boolean required(String... fields) {
        List<String> missing = new ArrayList<>();
        for (String f : fields) {
            if (!node.has(f)) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            reportHere("These fields are required: " + missing);
        }
        return missing.isEmpty();
    }

    /** Reports every field not in {@code allowed}, in document order, at the object (where AWS places them). */
    void allowOnly(Collection<String> allowed) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                reportHere(notSupported(e.getKey()));
            }
        }
    }

    /**
     * Reports when both of two fields that exclude each other are present, at the first. Answers whether they
     * conflict.
     */
    boolean exclusive(String first, String second) {
        if (node.has(first) && node.has(second)) {
            report(first, oneOfAtMost(List.of(first, second)));
            return true;
        }
        return false;
    }

    // ---- typed values ------------------------------------------------------------------------------------------

    /** A string field; null when absent or not a string (reported). */
    String string(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            report(field, expectedType("STRING"));
            return null;
        }
        return v.asText();
    }

    /** An object field; null when absent or not an object (reported). */
    JsonNode object(String field) {
        return typed(field, JsonNode::isObject, "OBJECT");
    }

    /** An array field; null when absent or not an array (reported). */
    JsonNode array(String field) {
        return typed(field, JsonNode::isArray, "ARRAY");
    }

    /** A non-empty array field; null when absent, not an array or empty (reported). */
    JsonNode nonEmptyArray(String field) {
        JsonNode v = array(field);
        if (v != null && v.isEmpty()) {
            report(field, EMPTY);
            return null;
        }
        return v;
    }

    Boolean bool(String field) {
        JsonNode v = typed(field, JsonNode::isBoolean, "BOOLEAN");
        return v == null ? null : v.asBoolean();
    }

    private JsonNode typed(String field, java.util.function.Predicate<JsonNode> test, String type) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!test.test(v)) {
            report(field, expectedType(type));
            return null;
        }
        return v;
    }

    /** A string field that must be one of {@code values}; null when absent or invalid (reported). */
    String oneOf(String field, List<String> values) {
        String v = string(field);
        if (v != null && !values.contains(v)) {
            report(field, oneOfValues(values));
            return null;
        }
        return v;
    }

    /**
     * An integer field within {@code [min, max]} (either bound may be null); null when absent or invalid
     * (reported). Values beyond a long are accepted where there is no maximum, as AWS accepts them, and read as
     * {@link Long#MAX_VALUE}.
     */
    Long integer(String field, Long min, Long max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!isInteger(v)) {
            report(field, "Expected value of type Integer");
            return null;
        }
        return inRange(field, v, min, max) ? (v.canConvertToLong() ? v.asLong() : Long.MAX_VALUE) : null;
    }

    /** A number field within {@code [min, max]} (either bound may be null); null when absent or invalid (reported). */
    Double number(String field, Double min, Double max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            report(field, "Expected value of type Number");
            return null;
        }
        return inRange(field, v, min == null ? null : BigDecimal.valueOf(min),
                max == null ? null : BigDecimal.valueOf(max)) ? v.asDouble() : null;
    }

    static boolean isInteger(JsonNode v) {
        return v.isIntegralNumber() || (v.isNumber() && v.canConvertToExactIntegral());
    }

    private boolean inRange(String field, JsonNode v, Long min, Long max) {
        return inRange(field, v, min == null ? null : BigDecimal.valueOf(min),
                max == null ? null : BigDecimal.valueOf(max));
    }

    private boolean inRange(String field, JsonNode v, BigDecimal min, BigDecimal max) {
        BigDecimal value = v.decimalValue();
        if (min != null && value.compareTo(min) < 0) {
            report(field, "Minimum value is " + plain(min));
            return false;
        }
        if (max != null && value.compareTo(max) > 0) {
            report(field, "Maximum value is " + plain(max));
            return false;
        }
        return true;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
