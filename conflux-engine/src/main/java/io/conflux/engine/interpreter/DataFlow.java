package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.QueryLanguage;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.PathNotFoundException;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.expr.Template;
import io.conflux.asl.model.Io;
import io.conflux.asl.model.PathFilter;
import io.conflux.asl.model.ResultPath;
import io.conflux.asl.model.State;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state's input and output processing, in both query languages. JSONPath: InputPath, Parameters, ResultSelector,
 * ResultPath, OutputPath. JSONata: Arguments and Output over {@code $states}.
 */
final class DataFlow {
    private DataFlow() {}

    static boolean jsonata(State s) {
        return s.queryLanguage() == QueryLanguage.JSONATA;
    }

    /** InputPath applied to the raw input (JSONPath); the raw input itself in JSONata. */
    static JsonNode inputPath(State s, JsonNode raw, StateScope scope) {
        JsonNode out = filter(s.io().inputPath(), raw, scope);
        scope.inspect(TestProbe.AFTER_INPUT_PATH, out);
        return out;
    }

    /** OutputPath applied to a state's output (JSONPath). */
    static JsonNode outputPath(State s, JsonNode output, StateScope scope) {
        return filter(s.io().outputPath(), output, scope);
    }

    private static JsonNode filter(PathFilter filter, JsonNode value, StateScope scope) {
        return switch (filter) {
            case PathFilter.All a -> value;
            case PathFilter.Nothing n -> Json.object();
            case PathFilter.Select sel -> {
                try {
                    yield sel.path().evaluate(scope.withInput(value));
                } catch (PathNotFoundException e) {
                    throw StatesException.runtime(e.getMessage());
                }
            }
        };
    }

    /**
     * The effective input of a state: InputPath then Parameters (JSONPath), or Arguments over $states.input
     * (JSONata). {@code scope} sees the raw input.
     */
    static JsonNode effectiveInput(State s, StateScope rawScope) {
        if (jsonata(s)) {
            Template args = s.io().parameters();
            JsonNode out = args == null ? rawScope.input() : args.evaluate(rawScope);
            if (s instanceof io.conflux.asl.model.TaskState) {
                rawScope.inspect(TestProbe.AFTER_ARGUMENTS, out); // AWS shows Arguments for a Task only
            }
            return out;
        }
        JsonNode afterInputPath = inputPath(s, rawScope.input(), rawScope);
        Template parameters = s.io().parameters();
        JsonNode out = parameters == null ? afterInputPath : parameters.evaluate(rawScope.withInput(afterInputPath));
        rawScope.inspect(TestProbe.AFTER_PARAMETERS, out);
        return out;
    }

    /** ResultSelector applied to a task's (or Map's, Parallel's) raw result. */
    static JsonNode selectResult(State s, JsonNode result, StateScope scope) {
        Template selector = s.io().resultSelector();
        JsonNode out = selector == null ? result : selector.evaluate(scope.withInput(result));
        scope.inspect(TestProbe.AFTER_RESULT_SELECTOR, out);
        return out;
    }

    /** ResultPath: places {@code result} in the raw input. */
    static JsonNode placeResult(ResultPath rp, JsonNode rawInput, JsonNode result) {
        return switch (rp) {
            case ResultPath.Replace r -> result;
            case ResultPath.Discard d -> rawInput;
            case ResultPath.At at -> {
                JsonNode placed = at.path().set(rawInput, result);
                if (placed == null) {
                    throw new StatesException(ErrorNames.RESULT_PATH_MATCH_FAILURE, "Unable to apply ReferencePath "
                            + at.path().text() + " to input " + Json.MAPPER.valueToTree(Json.write(rawInput)));
                }
                yield placed;
            }
        };
    }

    /**
     * The output of a state that produced {@code result}: ResultPath then OutputPath (JSONPath), or Output over
     * $states.result, defaulting to the result (JSONata).
     *
     * @param scope sees the raw input and, for JSONata, the result
     */
    static JsonNode output(State s, JsonNode result, StateScope scope) {
        Io io = s.io();
        if (jsonata(s)) {
            Template output = io.output();
            return output == null ? result : output.evaluate(scope.withResult(result));
        }
        JsonNode placed = placeResult(io.resultPath(), scope.input(), result);
        scope.inspect(TestProbe.AFTER_RESULT_PATH, placed);
        return outputPath(s, placed, scope);
    }

    /** Evaluates Assign, returning the variables to set (all read the values from before the state). */
    static Map<String, JsonNode> assign(Template assign, StateScope scope) {
        if (assign == null) {
            return Map.of();
        }
        JsonNode values = assign.evaluate(scope);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (values instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The text AWS records for assigned variables: each value as JSON text. */
    static Map<String, String> assignedText(Map<String, JsonNode> values) {
        if (values.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Json.write(v)));
        return out;
    }
}
