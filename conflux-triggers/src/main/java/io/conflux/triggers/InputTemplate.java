package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.PathTemplate;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import io.conflux.asl.expr.ValueExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a trigger turns an event into an execution's input, written as Step Functions writes Parameters: an object
 * whose {@code "key.$"} fields hold a JSONPath or an intrinsic function over the event ({@code $}) and the trigger's
 * context ({@code $$}), or a single path or intrinsic, e.g. {@code "$.body"}. Compiled once.
 */
final class InputTemplate {
    private final PathTemplate template;
    private final ValueExpr expr;

    private InputTemplate(PathTemplate template, ValueExpr expr) {
        this.template = template;
        this.expr = expr;
    }

    /** @throws IllegalArgumentException with every problem, each naming its place */
    static InputTemplate compile(JsonNode node) {
        List<String> problems = new ArrayList<>();
        InputTemplate t;
        if (node.isTextual()) {
            ValueExpr e = PathTemplate.compileValue(node.textValue(), "inputTemplate", "", false,
                    (pointer, code, message) -> problems.add(message));
            t = new InputTemplate(null, e);
        } else {
            PathTemplate p = PathTemplate.compile(node, "", false,
                    (pointer, code, message) -> problems.add((pointer.isEmpty() ? "/" : pointer) + ": " + message));
            t = new InputTemplate(p, null);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return t;
    }

    /**
     * The input for one event.
     *
     * @throws io.conflux.asl.expr.StatesException when a path finds nothing or an intrinsic fails
     */
    JsonNode apply(JsonNode event, JsonNode context) {
        Scope scope = new SimpleScope(event, context, Map.of());
        return template != null ? template.evaluate(scope) : expr.evaluate(scope);
    }
}
