package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.ValueExpr;
import io.conflux.asl.jsonata.JsonataCompiler;
import io.conflux.asl.model.StateHeader;
import io.conflux.asl.model.ValueSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Fields whose value is written in the definition or computed per execution: a literal ({@code Seconds}), a path
 * in a twin field ({@code SecondsPath}, JSONPath states), or a {@code "{% … %}"} expression in the field itself
 * (JSONata states).
 */
final class ValueSources {
    static final String NOT_RFC3339 = "String does not match RFC3339 timestamp";

    /** The shape of RFC 3339's date-time; whether the fields are in range is left to the parser. */
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private final Problems problems;
    private final PathFields paths;

    ValueSources(Problems problems) {
        this.problems = problems;
        this.paths = new PathFields(problems);
    }

    /** An integer in {@code [min, max]} (max may be null), or a path in {@code pathField}. */
    ValueSource integer(StateHeader h, Fields f, String field, String pathField, long min, Long max) {
        return literalOrPath(h, f, field, pathField, () -> f.integer(field, min, max) != null);
    }

    /** A number in {@code [min, max]}, or a path in {@code pathField}. */
    ValueSource number(StateHeader h, Fields f, String field, String pathField, double min, double max) {
        return literalOrPath(h, f, field, pathField, () -> f.number(field, min, max) != null);
    }

    /** {@code field} as JSONata or a literal that {@code valid} checks (reporting problems), or {@code pathField}. */
    private ValueSource literalOrPath(StateHeader h, Fields f, String field, String pathField,
            java.util.function.BooleanSupplier valid) {
        boolean jsonPath = h.queryLanguage() == QueryLanguage.JSONPATH; // else pathField is reported as foreign
        if (jsonPath && f.exclusive(field, pathField)) {
            return null;
        }
        if (jsonPath && f.has(pathField)) {
            return path(f, pathField);
        }
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (isJsonata(h, node)) {
            return expression(f, field);
        }
        return valid.getAsBoolean() ? new ValueSource.Literal(node) : null;
    }

    /** A string (Error, Cause), or a path or intrinsic call in {@code pathField}. */
    ValueSource string(StateHeader h, Fields f, String field, String pathField) {
        boolean jsonPath = h.queryLanguage() == QueryLanguage.JSONPATH; // else pathField is reported as foreign
        if (jsonPath && f.exclusive(field, pathField)) {
            return null;
        }
        if (jsonPath && f.has(pathField)) {
            ValueExpr e = paths.pathOrCall(f, pathField);
            return e == null ? null : new ValueSource.Computed(e, pathField);
        }
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (isJsonata(h, node)) {
            return expression(f, field);
        }
        return f.string(field) == null ? null : new ValueSource.Literal(node);
    }

    /** Wait's Seconds or SecondsPath. */
    ValueSource seconds(StateHeader h, Fields f) {
        return integer(h, f, "Seconds", "SecondsPath", 0, TaskReader.MAX_SECONDS);
    }

    /** Wait's Timestamp (an RFC 3339 date-time) or TimestampPath. */
    ValueSource timestamp(StateHeader h, Fields f) {
        if (h.queryLanguage() == QueryLanguage.JSONPATH && f.has("TimestampPath")) {
            return path(f, "TimestampPath");
        }
        JsonNode node = f.get("Timestamp");
        if (node == null) {
            return null;
        }
        if (isJsonata(h, node)) {
            return expression(f, "Timestamp");
        }
        String text = f.string("Timestamp");
        if (text == null) {
            return null;
        }
        if (!isRfc3339(text)) {
            f.report("Timestamp", NOT_RFC3339);
            return null;
        }
        return new ValueSource.Literal(node);
    }

    private ValueSource path(Fields f, String pathField) {
        JsonPath path = paths.referencePath(f, pathField);
        return path == null ? null : new ValueSource.Computed(path, pathField);
    }

    private ValueSource expression(Fields f, String field) {
        ValueExpr e = JsonataCompiler.compileExpression(f.get(field).asText(), field, f.pointer(field), problems);
        return e == null ? null : new ValueSource.Computed(e, field);
    }

    private static boolean isJsonata(StateHeader h, JsonNode node) {
        return h.queryLanguage() == QueryLanguage.JSONATA && JsonataCompiler.isExpression(node);
    }

    /** An RFC 3339 date-time with a zone designator, as AWS requires of a Wait Timestamp. */
    static boolean isRfc3339(String text) {
        if (!RFC3339.matcher(text).matches()) {
            return false;
        }
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
