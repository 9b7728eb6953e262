package io.conflux.asl.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.expr.Template;
import io.conflux.asl.expr.ValueExpr;

/** Compiles the JSONata parts of a definition: {@code "{% … %}"} strings and templates made of them. */
public final class JsonataCompiler {
    private JsonataCompiler() {}

    /** Whether {@code node} is a string written as a JSONata expression, {@code "{% … %}"}. */
    public static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.asText());
    }

    public static boolean isExpression(String text) {
        String t = text.strip();
        return t.startsWith("{%") && t.endsWith("%}") && t.length() >= 4;
    }

    /**
     * Compiles a template: a JSON value whose {@code "{% … %}"} strings are evaluated.
     *
     * @param field the field name for messages, e.g. {@code Output}
     */
    public static Template compileTemplate(JsonNode node, String field, String pointer, Problems problems) {
        problems.report(pointer, DiagnosticCodes.SCHEMA_VALIDATION_FAILED,
                "JSONata is not supported yet (field '" + field + "')");
        return null;
    }

    /** Compiles one {@code "{% … %}"} expression. */
    public static ValueExpr compileExpression(String text, String field, String pointer, Problems problems) {
        problems.report(pointer, DiagnosticCodes.SCHEMA_VALIDATION_FAILED,
                "JSONata is not supported yet (field '" + field + "')");
        return null;
    }
}
