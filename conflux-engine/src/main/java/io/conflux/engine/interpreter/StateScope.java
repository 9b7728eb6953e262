package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.TaskState;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;

/**
 * The scope of one evaluation inside a state. The context object is built only when an expression asks for it:
 * most states never do, and building it for each would cost more than the state itself.
 */
final class StateScope implements Scope {
    private final Run run;
    private final Frame frame;
    private final JsonNode input;
    private final JsonNode result;
    private final JsonNode errorOutput;
    private final String taskToken;
    /** For ItemSelector: the item's index, or -1. */
    private final int itemIndex;
    private final JsonNode itemValue;
    private JsonNode context;

    StateScope(Run run, Frame frame, JsonNode input, JsonNode result, JsonNode errorOutput, String taskToken,
            int itemIndex, JsonNode itemValue) {
        this.run = run;
        this.frame = frame;
        this.input = input;
        this.result = result;
        this.errorOutput = errorOutput;
        this.taskToken = taskToken;
        this.itemIndex = itemIndex;
        this.itemValue = itemValue;
    }

    static StateScope of(Run run, Frame frame, JsonNode input) {
        return new StateScope(run, frame, input, null, null, null, -1, null);
    }

    StateScope withInput(JsonNode in) {
        return new StateScope(run, frame, in, result, errorOutput, taskToken, itemIndex, itemValue);
    }

    StateScope withErrorOutput(JsonNode e) {
        return new StateScope(run, frame, input, result, e, taskToken, itemIndex, itemValue);
    }

    StateScope withTaskToken(String token) {
        return new StateScope(run, frame, input, result, errorOutput, token, itemIndex, itemValue);
    }

    StateScope withItem(int index, JsonNode value) {
        return new StateScope(run, frame, input, result, errorOutput, taskToken, index, value);
    }

    StateScope withResult(JsonNode r) {
        return new StateScope(run, frame, input, r, errorOutput, taskToken, itemIndex, itemValue);
    }

    @Override
    public JsonNode input() {
        return input;
    }

    @Override
    public JsonNode result() {
        return result;
    }

    @Override
    public JsonNode errorOutput() {
        return errorOutput;
    }

    @Override
    public JsonNode variable(String name) {
        return frame.variable(name);
    }

    @Override
    public RandomGenerator random() {
        return run.random();
    }

    /** JSONata's $now() and $millis() read the step's time, so that a replay evaluates them alike. */
    @Override
    public java.time.Clock clock() {
        return java.time.Clock.fixed(run.now(), java.time.ZoneOffset.UTC);
    }

    /** Records a value of the tested state's data flow, when this is a TestState run. */
    void inspect(String field, JsonNode value) {
        run.inspect(field, value);
    }

    @Override
    public JsonNode context() {
        if (context == null) {
            context = buildContext();
        }
        return context;
    }

    /** AWS writes context timestamps with milliseconds, always: {@code 2019-03-26T20:14:13.192Z}. */
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    static String timestamp(Instant t) {
        return MILLIS.format(t);
    }

    private JsonNode buildContext() {
        ExecutionState s = run.state();
        if (s.test != null && s.test.context != null) {
            return s.test.context(taskToken);
        }
        if (s.contextExecution == null) {
            ObjectNode e = Json.object();
            e.put("Id", s.info.executionArn());
            e.set("Input", s.input);
            e.put("StartTime", timestamp(s.startTime));
            e.put("Name", s.info.name());
            e.put("RoleArn", s.info.roleArn());
            if (!s.info.synchronous()) {
                e.put("RedriveCount", s.redriveCount);
            }
            if (s.redriveTime != null) {
                e.put("RedriveTime", timestamp(s.redriveTime));
            }
            s.contextExecution = e;
            ObjectNode m = Json.object();
            m.put("Id", s.info.stateMachineArn());
            m.put("Name", s.info.stateMachineName());
            s.contextStateMachine = m;
        }
        ObjectNode c = Json.object();
        c.set("Execution", s.contextExecution);
        c.set("StateMachine", s.contextStateMachine);
        ObjectNode st = c.putObject("State");
        st.put("Name", frame.state.name());
        st.put("EnteredTime", timestamp(frame.enteredTime == null ? run.now() : frame.enteredTime));
        if (frame.state instanceof TaskState || frame.state instanceof MapState
                || frame.state instanceof ParallelState) {
            st.put("RetryCount", frame.retryCount);
        }
        if (taskToken != null) {
            c.putObject("Task").put("Token", taskToken);
        }
        if (itemIndex >= 0) {
            ObjectNode item = c.putObject("Map").putObject("Item");
            item.put("Index", itemIndex);
            item.set("Value", itemValue);
        }
        return c;
    }
}
