package io.conflux.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.expr.Problems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the JSONata parts of a definition: {@code "{% … %}"} strings and templates made of them. Everything is
 * parsed here, once, when the definition is loaded; evaluation never parses.
 *
 * <p>A string is an expression when it starts with {@code {%} and ends with {@code %}} exactly: AWS treats
 * {@code " {% $x %} "} as a literal (recorded). Problems are reported with AWS's codes: an expression that does not
 * parse is {@code INVALID_JSONATA_EXPRESSION} with jsonata-js's message ("Unexpected end of expression"), {@code $$}
 * is {@code UNSUPPORTED_JSONATA_EXPRESSION}.
 *
 * <p>This package is the only place that should use the JSONata library: the library keeps per-thread state shared
 * by all its expressions (see {@link JsonataExpr}), which this package keeps away from the expressions it compiles but
 * cannot keep away from expressions compiled elsewhere.
 */
public final class JsonataCompiler {
    /** AWS's diagnostic code for an expression that does not parse. */
    public static final String INVALID_JSONATA_EXPRESSION = "INVALID_JSONATA_EXPRESSION";
    /** AWS's diagnostic code for an expression that parses but reads what Step Functions does not offer. */
    public static final String UNSUPPORTED_JSONATA_EXPRESSION = "UNSUPPORTED_JSONATA_EXPRESSION";
    /** The {@code $states} fields, all of which {@link #compileTemplate(JsonNode, String, String, Problems)} allows. */
    public static final Set<String> ALL_STATES_FIELDS = Set.of("input", "context", "result", "errorOutput");

    private JsonataCompiler() {}

    /** Whether {@code node} is a string written as a JSONata expression, {@code "{% … %}"}. */
    public static boolean isExpression(JsonNode node) {
        return node != null && node.isTextual() && isExpression(node.asText());
    }

    public static boolean isExpression(String text) {
        return text.length() >= 4 && text.startsWith("{%") && text.endsWith("%}");
    }

    /**
     * Compiles a template: a JSON value whose {@code "{% … %}"} strings are evaluated. Every problem is reported, not
     * just the first.
     *
     * @param field the field name for messages, e.g. {@code Output}; a value inside it is named
     *     {@code Output/key} or {@code Output[0]}
     * @return the template, or null when a problem was reported
     */
    public static JsonataTemplate compileTemplate(JsonNode node, String field, String pointer, Problems problems) {
        return compileTemplate(node, field, pointer, problems, ALL_STATES_FIELDS);
    }

    /**
     * As {@link #compileTemplate(JsonNode, String, String, Problems)}, refusing {@code $states} fields the field
     * does not offer, as AWS does at create time: "Field '$states.errorOutput' does not exist."
     *
     * @param statesFields the fields of {@code $states} available where the template is evaluated
     */
    public static JsonataTemplate compileTemplate(
            JsonNode node, String field, String pointer, Problems problems, Set<String> statesFields) {
        boolean[] failed = {false};
        JsonataTemplate t = template(node, field, pointer, problems, statesFields, failed);
        return failed[0] ? null : t;
    }

    private static JsonataTemplate template(JsonNode node, String field, String pointer, Problems problems,
            Set<String> statesFields, boolean[] failed) {
        if (isExpression(node)) {
            JsonataExpr e = compileExpression(node.asText(), field, pointer, problems, statesFields);
            if (e == null) {
                failed[0] = true;
                return null;
            }
            return new JsonataTemplate.Expression(e);
        }
        if (node.isObject()) {
            List<String> keys = new ArrayList<>(node.size());
            List<JsonataTemplate> values = new ArrayList<>(node.size());
            boolean literal = true;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonataTemplate v = template(e.getValue(), field + "/" + e.getKey(),
                        Problems.child(pointer, e.getKey()), problems, statesFields, failed);
                keys.add(e.getKey());
                values.add(v);
                literal &= v instanceof JsonataTemplate.Literal;
            }
            return literal || failed[0] ? new JsonataTemplate.Literal(node)
                    : new JsonataTemplate.ObjectTemplate(keys, values);
        }
        if (node.isArray()) {
            List<JsonataTemplate> elements = new ArrayList<>(node.size());
            boolean literal = true;
            for (int i = 0; i < node.size(); i++) {
                JsonataTemplate v = template(node.get(i), field + "[" + i + "]", Problems.child(pointer, i),
                        problems, statesFields, failed);
                elements.add(v);
                literal &= v instanceof JsonataTemplate.Literal;
            }
            return literal || failed[0] ? new JsonataTemplate.Literal(node) : new JsonataTemplate.ArrayTemplate(elements);
        }
        return new JsonataTemplate.Literal(node);
    }

    /**
     * Compiles one {@code "{% … %}"} expression.
     *
     * @param text the string as written, delimiters included
     * @param field the field path AWS names in messages ({@code Items}, {@code TimeoutSeconds},
     *     {@code Condition} …)
     * @return the expression, or null when a problem was reported
     */
    public static JsonataExpr compileExpression(String text, String field, String pointer, Problems problems) {
        return compileExpression(text, field, pointer, problems, ALL_STATES_FIELDS);
    }

    /** As {@link #compileExpression(String, String, String, Problems)}, refusing unavailable {@code $states} fields. */
    public static JsonataExpr compileExpression(
            String text, String field, String pointer, Problems problems, Set<String> statesFields) {
        if (!isExpression(text)) {
            problems.report(pointer, DiagnosticCodes.SCHEMA_VALIDATION_FAILED,
                    "The value of '" + field + "' must be a JSONata expression of the form {% … %}");
            return null;
        }
        String expression = text.substring(2, text.length() - 2).strip();
        ExpressionText scan = ExpressionText.scan(expression);
        String source = "$" + JsonataExpr.CAPTURE + "(" + expression + ")";
        Jsonata compiled = parseOrNull(source);
        // Parsed second, so that on the loading thread it, not the kept one, is the library's current instance.
        try {
            Jsonata.jsonata(expression);
        } catch (JException e) {
            problems.report(pointer, INVALID_JSONATA_EXPRESSION, JsonataMessages.parseFailure(e, expression));
            return null;
        } catch (RuntimeException e) {
            // the library raises a few signature errors as plain exceptions
            problems.report(pointer, INVALID_JSONATA_EXPRESSION, String.valueOf(e.getMessage()));
            return null;
        }
        if (compiled == null) {
            throw new IllegalStateException("Expected '" + source + "' to parse as '" + expression + "' does");
        }
        if (scan.newOperator() != null) {
            // JSONata 2.1's ?? and ?:, which AWS's 2.0.6 reads as '?' followed by a symbol it cannot start with
            String symbol = scan.newOperator().equals("??") ? "?" : ":";
            problems.report(pointer, INVALID_JSONATA_EXPRESSION,
                    "The symbol \"" + symbol + "\" cannot be used as a unary operator");
            return null;
        }
        if (scan.rootReference()) {
            problems.report(pointer, UNSUPPORTED_JSONATA_EXPRESSION, "Reference to '$$' is not supported.");
            return null;
        }
        for (String f : scan.statesFields()) {
            if (!f.equals("*") && !statesFields.contains(f)) {
                problems.report(pointer, UNSUPPORTED_JSONATA_EXPRESSION, "Field '$states." + f + "' does not exist.");
                return null;
            }
        }
        StepFunctionsFunctions.STATIC.forEach(compiled::registerFunction);
        // AWS does not offer $eval: calling it is "T1006: Attempted to invoke a non-function" (measured by others)
        compiled.assign("eval", null);
        return new JsonataExpr(text, expression, field, source, compiled, scan);
    }

    private static Jsonata parseOrNull(String source) {
        try {
            return Jsonata.jsonata(source);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
