package io.conflux.asl.parse;

import static io.conflux.asl.DiagnosticCodes.NO_DOLLAR;
import static io.conflux.asl.DiagnosticCodes.NO_PATH;
import static io.conflux.asl.DiagnosticCodes.PASS_RESULT_IS_STATIC;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.Problems;
import io.conflux.asl.model.StateHeader;
import java.util.List;
import java.util.Map;

/**
 * The warnings of ValidateStateMachineDefinition: things that are valid but probably not what was meant. They
 * concern JSONPath states only, where a path written in the wrong place is taken literally.
 */
final class Lint {
    private static final List<String> TEMPLATES = List.of("Parameters", "ResultSelector", "ItemSelector", "Assign");

    private final DiagnosticSink sink;

    Lint(DiagnosticSink sink) {
        this.sink = sink;
    }

    void state(StateHeader h, Fields f, String type) {
        if (h.queryLanguage() != QueryLanguage.JSONPATH) {
            return;
        }
        for (String field : TEMPLATES) {
            JsonNode node = f.get(field);
            if (node != null && (node.isObject() || node.isArray())) {
                noDollar(node, f.pointer(field));
            }
        }
        if (type.equals("Pass") && f.has("Result") && hasDollarKey(f.get("Result"))) {
            sink.warn(f.pointer("Result"), PASS_RESULT_IS_STATIC,
                    "The field 'Result' is static: its fields ending in '.$' are not evaluated as paths");
        }
        if (type.equals("Fail")) {
            for (String field : List.of("Error", "Cause")) {
                JsonNode node = f.get(field);
                if (node != null && node.isTextual() && looksLikePath(node.asText())) {
                    sink.warn(f.pointer(field), NO_PATH, "The value of the field '" + field
                            + "' looks like a path, but the field name does not end with 'Path'");
                }
            }
        }
    }

    /** A field of a payload template whose value looks like a path or a call, but whose name lacks ".$". */
    private void noDollar(JsonNode node, String pointer) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                noDollar(node.get(i), Problems.child(pointer, i));
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String at = Problems.child(pointer, e.getKey());
            JsonNode value = e.getValue();
            if (e.getKey().endsWith(".$")) {
                continue;
            }
            if (value.isTextual() && (looksLikePath(value.asText()) || looksLikeCall(value.asText()))) {
                sink.warn(at, NO_DOLLAR, "The value of the field '" + e.getKey()
                        + "' looks like a JSONPath or an intrinsic function, but the field name does not end with"
                        + " '.$'");
            } else {
                noDollar(value, at);
            }
        }
    }

    private static boolean hasDollarKey(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().endsWith(".$") || hasDollarKey(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (hasDollarKey(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean looksLikePath(String text) {
        return text.equals("$") || text.startsWith("$.") || text.startsWith("$[") || text.startsWith("$$.");
    }

    private static boolean looksLikeCall(String text) {
        return text.startsWith("States.") && text.endsWith(")") && text.indexOf('(') > "States.".length();
    }
}
