package io.conflux.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.ReferencePath;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.StatesException;

/** Reads the paths of a Choice rule (Variable and the {@code …Path} operands). */
final class Lookup {
    private Lookup() {}

    /**
     * The value at {@code path}, or null when there is none. Plain reference paths are walked directly: a missing
     * value is an expected outcome here (IsPresent), not worth an exception.
     */
    static JsonNode find(JsonPath path, Scope scope) {
        JsonNode root = switch (path.root()) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variable(path.variable());
        };
        if (root == null) {
            return null;
        }
        ReferencePath reference = path.reference();
        if (reference != null) {
            return reference.get(root);
        }
        try {
            return path.select(root);
        } catch (PathNotFoundException e) {
            return null;
        }
    }

    /**
     * The value at {@code path}. Every operator but IsPresent needs one: AWS fails the state with States.Runtime
     * when the path selects nothing.
     */
    static JsonNode require(JsonPath path, Scope scope) {
        JsonNode value = find(path, scope);
        if (value == null) {
            throw StatesException.runtime(
                    "Invalid path '" + path.text() + "': The choice state's condition path references an invalid value.");
        }
        return value;
    }
}
