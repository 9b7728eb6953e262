package io.conflux.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.InvalidExpressionException;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathTemplate;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.ReferencePath;
import io.conflux.asl.expr.ValueExpr;
import io.conflux.asl.model.PathFilter;
import io.conflux.asl.model.ResultPath;

/**
 * The JSONPath fields of a state, compiled, with AWS's messages: filters (InputPath, OutputPath), the reference
 * paths that select one value (ItemsPath, SecondsPath, …), ResultPath, and the path-or-intrinsic fields
 * (ErrorPath, CausePath).
 */
final class PathFields {
    static final String NOT_A_PATH = "Value must be a valid JSONPath.";
    static final String NOT_A_REFERENCE_PATH = "Value is not a Reference Path";
    static final String NO_DOLLAR_START = NOT_A_REFERENCE_PATH + ": Reference path didn't start with '$'";

    private final Problems problems;

    PathFields(Problems problems) {
        this.problems = problems;
    }

    /** InputPath or OutputPath: absent or {@code "$"} keeps all, null keeps nothing, else a path. */
    PathFilter filter(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return PathFilter.ALL;
        }
        if (node.isNull()) {
            return PathFilter.NOTHING;
        }
        if (!node.isTextual()) {
            f.report(field, Fields.expectedType("STRING"));
            return PathFilter.ALL;
        }
        JsonPath path = compile(node.asText());
        if (path == null) {
            f.report(field, NOT_A_PATH);
            return PathFilter.ALL;
        }
        return path.isRoot() && path.root() == JsonPath.Root.INPUT ? PathFilter.ALL : new PathFilter.Select(path);
    }

    /** ResultPath: absent or {@code "$"} replaces the input, null discards the result, else a reference path. */
    ResultPath resultPath(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return ResultPath.REPLACE;
        }
        if (node.isNull()) {
            return ResultPath.DISCARD;
        }
        if (!node.isTextual()) {
            f.report(field, Fields.expectedType("STRING"));
            return ResultPath.REPLACE;
        }
        String text = node.asText();
        // A ResultPath writes into the state input, so neither the context object ($$) nor a variable will do.
        ReferencePath ref = text.startsWith("$$") ? null : ReferencePath.tryParse(text);
        if (ref == null) {
            f.report(field, text.startsWith("$") ? NOT_A_REFERENCE_PATH : NO_DOLLAR_START);
            return ResultPath.REPLACE;
        }
        return ref.isRoot() ? ResultPath.REPLACE : new ResultPath.At(ref);
    }

    /**
     * A path that selects one value (ItemsPath, SecondsPath, TimeoutSecondsPath, …): over the input, the context
     * object or a variable, without wildcards, filters or slices. Null when absent or invalid (reported).
     */
    JsonPath referencePath(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            f.report(field, Fields.expectedType("STRING"));
            return null;
        }
        String text = node.asText();
        if (!text.startsWith("$")) {
            f.report(field, NO_DOLLAR_START);
            return null;
        }
        JsonPath path = compile(text);
        if (path == null || !path.isDefinite()) {
            f.report(field, NOT_A_REFERENCE_PATH);
            return null;
        }
        return path;
    }

    /** ErrorPath or CausePath: a path or an intrinsic call. Null when absent or invalid (reported). */
    ValueExpr pathOrCall(Fields f, String field) {
        JsonNode node = f.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            f.report(field, Fields.expectedType("STRING"));
            return null;
        }
        return PathTemplate.compileValue(node.asText(), field, f.pointer(field), true, AwsWording.field(problems));
    }

    private static JsonPath compile(String text) {
        try {
            return JsonPath.compile(text, true);
        } catch (InvalidExpressionException e) {
            return null;
        }
    }
}
