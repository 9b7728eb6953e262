package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.SCHEMA_VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Problems;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Typed access to the fields of one JSON object of a definition, reporting wrong types with their pointer. */
final class Fields {
    private final JsonNode node;
    private final String pointer;
    private final Problems problems;

    Fields(JsonNode node, String pointer, Problems problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
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

    void report(String field, String message) {
        problems.report(pointer(field), SCHEMA_VALIDATION_FAILED, message);
    }

    static String typeOf(JsonNode value) {
        return value.getNodeType().name().toUpperCase(Locale.ROOT);
    }

    String requiredString(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null; // reported by the caller, who knows AWS's grouping of required fields
        }
        if (!v.isTextual()) {
            report(field, "The value of '" + field + "' must be a STRING but was " + typeOf(v));
            return null;
        }
        return v.asText();
    }

    String optionalString(String field) {
        return requiredString(field);
    }

    /** An integer field; null when absent or invalid (reported). */
    Long optionalInteger(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() && !(v.isNumber() && v.canConvertToExactIntegral())) {
            report(field, "The value of '" + field + "' must be an INTEGER but was " + typeOf(v));
            return null;
        }
        long value = v.asLong();
        if (value < min || value > max) {
            report(field, "The value of '" + field + "' must be between " + min + " and " + max + " but was " + value);
            return null;
        }
        return value;
    }

    Double optionalNumber(String field, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            report(field, "The value of '" + field + "' must be a NUMBER but was " + typeOf(v));
            return null;
        }
        double value = v.asDouble();
        if (value < min || value > max) {
            report(field, "The value of '" + field + "' must be between " + min + " and " + max + " but was " + v);
            return null;
        }
        return value;
    }

    Boolean optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            report(field, "The value of '" + field + "' must be a BOOLEAN but was " + typeOf(v));
            return null;
        }
        return v.asBoolean();
    }

    /** Reports every field not in {@code allowed}. */
    void rejectUnknown(Collection<String> allowed) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                problems.report(pointer(e.getKey()), SCHEMA_VALIDATION_FAILED,
                        "Field '" + e.getKey() + "' is not supported");
            }
        }
    }
}
