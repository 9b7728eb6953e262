package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link StateTest} needs from inside the interpreter, held by the tested execution's state: where the tested
 * state is, what replaces the outside world (the mock, the Context object, the stateConfiguration), and what the run
 * showed on the way (the inspection data AWS returns, and how the state ended). The interpreter consults it only when
 * it is there; an execution's own steps never see one.
 */
final class TestProbe {
    /** AWS's names of the inspection data that are payloads, in the order AWS lists them. */
    static final String INPUT = "input";
    static final String AFTER_ARGUMENTS = "afterArguments";
    static final String AFTER_INPUT_PATH = "afterInputPath";
    static final String AFTER_PARAMETERS = "afterParameters";
    static final String RESULT = "result";
    static final String AFTER_RESULT_SELECTOR = "afterResultSelector";
    static final String AFTER_RESULT_PATH = "afterResultPath";
    static final String AFTER_ITEMS_PATH = "afterItemsPath";
    static final String AFTER_ITEM_SELECTOR = "afterItemSelector";

    final StateGraph graph;
    final State state;
    final Map<String, JsonNode> variables;
    final ObjectNode context;
    final StateTest.Mock mock;
    final StateTest.Configuration configuration;

    final Map<String, JsonNode> data = new LinkedHashMap<>();
    Integer maxConcurrency;
    Long toleratedFailureCount;
    Double toleratedFailurePercentage;
    Integer retryIndex;
    Long retryBackoffSeconds;
    Integer catchIndex;

    /** Set when the state stopped short of an end: a retrier would retry it. */
    boolean retriable;
    /** Where the state would go next, when it left through a transition. */
    String nextState;
    /** The failure a Retry or Catch handled. */
    String error;
    String cause;
    /** A request found invalid only while running (AWS answers ValidationException). */
    String rejection;

    TestProbe(StateGraph graph, State state, Map<String, JsonNode> variables, ObjectNode context,
            StateTest.Mock mock, StateTest.Configuration configuration) {
        this.graph = graph;
        this.state = state;
        this.variables = variables;
        this.context = context;
        this.mock = mock;
        this.configuration = configuration;
    }

    void inspect(String field, JsonNode value) {
        if (value != null) {
            data.put(field, value);
        }
    }

    /** $$.State.RetryCount of the tested state: the retries stateConfiguration says have happened. */
    int retryCount() {
        Integer n = configuration.retrierRetryCount();
        return n == null ? 0 : n;
    }

    /** The Context object an expression sees, when the request gave one. */
    JsonNode context(String taskToken) {
        if (taskToken == null || context.has("Task")) {
            return context;
        }
        ObjectNode c = context.deepCopy();
        c.putObject("Task").put("Token", taskToken);
        return c;
    }

    /** The items an ItemReader would read: the request's mapItemReaderData. */
    JsonNode readerItems() {
        return configuration.mapItemReaderData();
    }

    boolean done() {
        return retriable || rejection != null;
    }

    ObjectNode variablesObject(Frame root) {
        ObjectNode o = Json.object();
        if (root != null && root.variables != null) {
            root.variables.forEach(o::set);
        }
        return o;
    }
}
