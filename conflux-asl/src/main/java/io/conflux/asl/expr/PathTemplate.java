package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.DiagnosticCodes;
import io.conflux.asl.intrinsic.Intrinsics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A JSONPath payload template (Parameters, ResultSelector, ItemSelector): a JSON value in which every field whose
 * name ends in {@code .$} holds a path or an intrinsic call, replaced at run time by its value under the name without
 * {@code .$}. Compiled once; subtrees without such fields are shared as they are.
 */
public final class PathTemplate implements Template {

    private sealed interface Part permits Fixed, Obj, Arr, Computed {}

    private record Fixed(JsonNode value) implements Part {}

    private record Field(String name, Part part) {}

    private record Obj(List<Field> fields) implements Part {}

    private record Arr(List<Part> items) implements Part {}

    /** {@code "name.$": "<expr>"}; {@code fieldName} keeps the {@code .$} for messages. */
    private record Computed(String fieldName, ValueExpr expr) implements Part {}

    private final Part root;

    private PathTemplate(Part root) {
        this.root = root;
    }

    /** Compiles {@code node}; problems go to {@code problems} with pointers under {@code pointer}. */
    public static PathTemplate compile(JsonNode node, String pointer, boolean allowVariables, Problems problems) {
        return new PathTemplate(part(node, pointer, allowVariables, problems));
    }

    private static Part part(JsonNode node, String pointer, boolean allowVariables, Problems problems) {
        if (!isDynamic(node)) {
            return new Fixed(node);
        }
        if (node.isArray()) {
            List<Part> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(part(node.get(i), Problems.child(pointer, i), allowVariables, problems));
            }
            return new Arr(items);
        }
        List<Field> fields = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = Problems.child(pointer, key);
            if (key.endsWith(".$")) {
                String name = key.substring(0, key.length() - 2);
                JsonNode value = e.getValue();
                if (!value.isTextual()) {
                    problems.report(at, DiagnosticCodes.SCHEMA_VALIDATION_FAILED,
                            "The value for the field '" + key + "' must be a STRING that contains a JSONPath but was "
                                    + Json.typeName(value).toUpperCase(java.util.Locale.ROOT));
                    continue;
                }
                ValueExpr expr = compileValue(value.asText(), key, at, allowVariables, problems);
                if (expr != null) {
                    fields.add(new Field(name, new Computed(key, expr)));
                }
            } else {
                fields.add(new Field(key, part(e.getValue(), at, allowVariables, problems)));
            }
        }
        return new Obj(fields);
    }

    /**
     * Compiles the value of a {@code .$} field (or of ErrorPath/CausePath): a path or an intrinsic function call.
     * Returns null after reporting when it does not compile.
     */
    public static ValueExpr compileValue(String text, String field, String pointer, boolean allowVariables,
            Problems problems) {
        try {
            if (Intrinsics.isCall(text)) {
                return Intrinsics.compile(text, allowVariables);
            }
            return JsonPath.compile(text, allowVariables);
        } catch (InvalidExpressionException e) {
            String code = Intrinsics.isCall(text) ? DiagnosticCodes.INVALID_INTRINSIC_FUNCTION
                    : DiagnosticCodes.INVALID_JSON_PATH;
            problems.report(pointer, code, e.getMessage());
            return null;
        }
    }

    /** Whether {@code node} contains a {@code .$} field anywhere. */
    private static boolean isDynamic(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith(".$") || isDynamic(e.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (isDynamic(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public JsonNode evaluate(Scope scope) {
        return eval(root, scope);
    }

    private static JsonNode eval(Part part, Scope scope) {
        return switch (part) {
            case Fixed f -> f.value();
            case Arr a -> {
                ArrayNode out = Json.array();
                for (Part item : a.items()) {
                    out.add(eval(item, scope));
                }
                yield out;
            }
            case Obj o -> {
                ObjectNode out = Json.object();
                for (Field f : o.fields()) {
                    out.set(f.name(), eval(f.part(), scope));
                }
                yield out;
            }
            case Computed c -> {
                try {
                    yield c.expr().evaluate(scope);
                } catch (PathNotFoundException e) {
                    throw notFound(c.fieldName(), e, scope);
                }
            }
        };
    }

    /** AWS's wording when a {@code .$} field's path selects nothing. */
    static StatesException notFound(String fieldName, PathNotFoundException e, Scope scope) {
        String path = e.path();
        boolean context = path.startsWith("$$");
        JsonNode source = context ? scope.context() : scope.input();
        return StatesException.runtime("The JSONPath '" + path + "' specified for the field '" + fieldName
                + "' could not be found in the " + (context ? "context object" : "input") + " '" + Json.write(source)
                + "'");
    }
}
