package io.conflux.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.JsonPath;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.ReferencePath;
import io.conflux.asl.expr.Scope;

/**
 * Resolves a path argument. Stricter than a plain {@code "x.$"} field: any definite path that selects nothing fails,
 * including an index past the end of an array, which a plain field resolves to null. An explicit null is a value.
 * AWS's cause reads "The JsonPath argument for the field '$.x' could not be found in the input '{…}'"; for a
 * {@code $$.} path it names the path with one {@code $} dropped and still shows the state input (as Step Functions
 * Local words it). Indexing a value that is not an array makes AWS pass on its JSONPath library's own sentence
 * ("Filter: [0] can only be applied to arrays. Current context is: 1"), and so do we.
 */
final class PathArgument {
    private PathArgument() {}

    static JsonNode resolve(JsonPath path, Scope scope) {
        JsonNode root = switch (path.root()) {
            case INPUT -> scope.input();
            case CONTEXT -> scope.context();
            case VARIABLE -> scope.variable(path.variable());
        };
        if (root == null) {
            throw notFound(path, scope);
        }
        if (path.isRoot()) {
            return root;
        }
        ReferencePath reference = path.reference();
        if (reference != null) {
            JsonNode found = reference.get(root);
            if (found != null) {
                return found;
            }
        }
        JsonNode selected;
        try {
            selected = path.select(root);
        } catch (PathNotFoundException e) {
            if (e.detail() != null && e.detail().startsWith("Filter: ")) {
                throw new EvaluationFailure(e.detail(), e.detail());
            }
            throw notFound(path, scope);
        }
        if (reference != null || selected == null) {
            throw notFound(path, scope);
        }
        return selected;
    }

    private static EvaluationFailure notFound(JsonPath path, Scope scope) {
        String field = path.root() == JsonPath.Root.CONTEXT ? path.text().substring(1) : path.text();
        String detail = "The JsonPath argument for the field '" + field + "' could not be found in the input '"
                + Json.write(scope.input()) + "'";
        return new EvaluationFailure(detail, detail);
    }
}
