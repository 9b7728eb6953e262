package io.conflux.asl.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A scope over fixed values. Used by tests, TestState and the CLI; the engine has its own. */
public record SimpleScope(JsonNode input, JsonNode context, Map<String, JsonNode> variables) implements Scope {

    @Override
    public JsonNode variable(String name) {
        return variables == null ? null : variables.get(name);
    }
}
