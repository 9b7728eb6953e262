package io.conflux.engine.interpreter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.StateMachine;
import io.conflux.asl.model.TaskState;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.TaskRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * TestState: one state run on its own, through the interpreter code executions run, so that what a test shows is
 * what an execution does. The state runs as the first state of a one-off execution (an EXPRESS one, as AWS shows it
 * in the Context object) that stops as soon as the state is left: its next state is reported, not entered. What AWS
 * replaces the outside world with comes in the {@link Request}: a mocked task (or Map, or Parallel) result or error,
 * a Context object, variables, and how many retries or failed iterations to assume.
 *
 * <p>A Task without a mock needs its work done: {@link #pendingTask} names it, the caller runs it on a processing
 * node and reports back with {@link #taskSucceeded} or {@link #taskFailed}. Everything else runs at once; a Wait
 * state does not wait.
 *
 * <p>What AWS would retry is not retried: the state ends RETRIABLE with the retrier's index and backoff. A caught
 * error ends CAUGHT_ERROR with the catcher's output and its Next.
 */
public final class StateTest {
    /** The name a single state takes when it is tested on its own, as AWS's Context object shows it. */
    public static final String STATE_NAME = "StateName";

    public enum Status {
        SUCCEEDED,
        FAILED,
        RETRIABLE,
        CAUGHT_ERROR
    }

    /** What replaces the state's work (a task's call, a Map's iterations, a Parallel's branches). */
    public sealed interface Mock {
        record Result(JsonNode value) implements Mock {}

        record Failure(String error, String cause) implements Mock {}
    }

    /**
     * AWS's stateConfiguration.
     *
     * @param retrierRetryCount retries assumed made by the retrier that takes the error
     * @param mapIterationFailureCount Map iterations assumed to have failed
     * @param errorCausedByState the state inside a Map or Parallel a mocked error comes from
     * @param mapItemReaderData what a Map's ItemReader reads
     */
    public record Configuration(Integer retrierRetryCount, Integer mapIterationFailureCount,
            String errorCausedByState, JsonNode mapItemReaderData) {
        public static final Configuration NONE = new Configuration(null, null, null, null);
    }

    /**
     * @param definition one state's JSON, or a whole definition with {@code stateName}
     * @param stateName the state of a whole definition to test, or null
     * @param variables variables the state sees, by name
     * @param context the Context object to use instead of the generated one (only with a mock), or null
     * @param mock null to do the state's work for real
     * @param info who the one-off execution is: its ARNs and role, as the Context object shows them
     * @param now when the test runs
     */
    public record Request(String definition, String stateName, JsonNode input, Map<String, JsonNode> variables,
            ObjectNode context, Mock mock, Configuration configuration, ExecutionInfo info, Instant now) {
        public Request {
            Objects.requireNonNull(definition, "definition");
            Objects.requireNonNull(input, "input");
            variables = variables == null ? Map.of() : variables;
            configuration = configuration == null ? Configuration.NONE : configuration;
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(now, "now");
        }
    }

    /** Why a request cannot be tested; AWS answers it as InvalidDefinition or ValidationException. */
    public record Rejection(Kind kind, String message) {
        public enum Kind {
            INVALID_DEFINITION,
            VALIDATION
        }
    }

    /**
     * What AWS's inspectionData shows (at the DEBUG and TRACE levels).
     *
     * @param data the payloads by AWS's member name (input, afterInputPath, result …), in AWS's order
     */
    public record Inspection(Map<String, JsonNode> data, Integer maxConcurrency, Long toleratedFailureCount,
            Double toleratedFailurePercentage, Integer catchIndex, Integer retryIndex,
            Long retryBackoffIntervalSeconds) {}

    /**
     * How the state ended.
     *
     * @param output the state's output (SUCCEEDED, CAUGHT_ERROR), else null
     * @param nextState the state it would go to, or null
     */
    public record Result(Status status, JsonNode output, String error, String cause, String nextState,
            Inspection inspection) {}

    private final Interpreter interpreter;
    private final ExecutionState state;
    private final TestProbe probe;
    private final Instant now;
    private final Deque<Event> queue = new ArrayDeque<>();
    /** Timers the test does not fire by itself: a task's timeouts, which the caller fires when time is up. */
    private final List<String> deadlines = new ArrayList<>();
    private TaskRequest pending;

    private StateTest(Interpreter interpreter, ExecutionState state, TestProbe probe, Instant now) {
        this.interpreter = interpreter;
        this.state = state;
        this.probe = probe;
        this.now = now;
    }

    /** A request read and checked: ready to run, or why it cannot be. */
    public sealed interface Prepared {
        record Ready(StateTest test) implements Prepared {}

        record Rejected(Rejection rejection) implements Prepared {}
    }

    /** Reads the definition, finds the state and checks the request against it, as AWS does before it runs. */
    public static Prepared prepare(Request r, Interpreter.Config config) {
        Located located;
        try {
            located = locate(r.definition(), r.stateName());
        } catch (Reject e) {
            return new Prepared.Rejected(e.rejection);
        }
        Rejection wrong = check(located.state(), r);
        if (wrong != null) {
            return new Prepared.Rejected(wrong);
        }
        TestProbe probe = new TestProbe(located.graph(), located.state(), r.variables(), r.context(), r.mock(),
                r.configuration());
        ExecutionState s = ExecutionState.create(r.info(), located.machine(), r.input(), r.now(),
                r.info().executionArn());
        s.test = probe;
        StateTest t = new StateTest(new Interpreter(config), s, probe, r.now());
        t.queue.add(new Event.Start(r.now()));
        t.drain();
        return new Prepared.Ready(t);
    }

    /** The Resource of the tested Task state (as written, with any pattern suffix), or null for other states. */
    public String testedResource() {
        return probe.state instanceof TaskState t ? t.resource() : null;
    }

    /** The task the state waits for, which a processing node has to run; null when none. */
    public TaskRequest pendingTask() {
        return pending;
    }

    public void taskSucceeded(JsonNode output) {
        deliver(new Event.TaskSucceeded(now, taken().taskToken(), output));
    }

    public void taskFailed(String error, String cause) {
        deliver(new Event.TaskFailed(now, taken().taskToken(), error, cause));
    }

    /** The time the test may take is up: the task's own timeout fires if it has one, else the state times out. */
    public void timeUp() {
        TaskRequest t = taken();
        for (String id : deadlines) {
            ExecutionState.Timer timer = state.timers.get(id);
            if (timer != null && timer.kind() == ExecutionState.TimerKind.TASK_TIMEOUT) {
                deliver(new Event.TimerFired(now, id));
                return;
            }
        }
        deliver(new Event.TaskFailed(now, t.taskToken(), io.conflux.asl.expr.ErrorNames.TIMEOUT, null));
    }

    /** Whether the test has ended (then see {@link #result} or {@link #rejection}). */
    public boolean done() {
        return pending == null;
    }

    /** A rejection found while running (e.g. more failed iterations than the Map has), or null. */
    public Rejection rejection() {
        return probe.rejection == null ? null : new Rejection(Rejection.Kind.VALIDATION, probe.rejection);
    }

    /** How the state ended; call once {@link #done} and there is no {@link #rejection}. */
    public Result result() {
        if (!done()) {
            throw new IllegalStateException("Expected the tested state to have ended, but it waits for a task");
        }
        Frame root = state.root;
        ObjectNode vars = probe.variablesObject(root);
        Map<String, JsonNode> data = new LinkedHashMap<>(probe.data);
        if (!vars.isEmpty()) {
            data.put("variables", vars);
        }
        Inspection inspection = new Inspection(data, probe.maxConcurrency, probe.toleratedFailureCount,
                probe.toleratedFailurePercentage, probe.catchIndex, probe.retryIndex, probe.retryBackoffSeconds);
        if (probe.retriable) {
            return new Result(Status.RETRIABLE, null, probe.error, probe.cause, null, inspection);
        }
        if (state.status == ExecutionStatus.SUCCEEDED) {
            if (probe.catchIndex != null) {
                return new Result(Status.CAUGHT_ERROR, state.output, probe.error, probe.cause, probe.nextState,
                        inspection);
            }
            return new Result(Status.SUCCEEDED, state.output, null, null, probe.nextState, inspection);
        }
        return new Result(Status.FAILED, null, state.error, state.cause, null, inspection);
    }

    private TaskRequest taken() {
        TaskRequest t = pending;
        if (t == null) {
            throw new IllegalStateException("Expected the tested state to wait for a task, but it does not");
        }
        pending = null;
        return t;
    }

    private void deliver(Event e) {
        queue.add(e);
        drain();
    }

    /** Applies queued events until the state waits for a task of a node, or has ended. */
    private void drain() {
        Event e;
        while ((e = queue.poll()) != null) {
            if (probe.done() || state.status.isTerminal()) {
                queue.clear();
                return;
            }
            Transition t = interpreter.step(state, e);
            for (Command c : t.commands()) {
                switch (c) {
                    case Command.StartTask st -> startTask(st.request());
                    case Command.StartTimer st -> {
                        ExecutionState.Timer timer = state.timers.get(st.timerId());
                        if (timer == null) {
                            continue;
                        }
                        switch (timer.kind()) {
                            // TestState does not wait; a retry never gets this far (it ends the test RETRIABLE).
                            case WAIT, RETRY -> queue.add(new Event.TimerFired(now, st.timerId()));
                            case TASK_TIMEOUT, HEARTBEAT -> deadlines.add(st.timerId());
                            case EXECUTION_TIMEOUT -> {}
                        }
                    }
                    case Command.CancelTask ct -> {}
                    case Command.CancelTimer ct -> deadlines.remove(ct.timerId());
                    case Command.Finished f -> {}
                }
            }
        }
    }

    private void startTask(TaskRequest r) {
        switch (probe.mock) {
            case Mock.Result m -> queue.add(new Event.TaskSucceeded(now, r.taskToken(), m.value()));
            case Mock.Failure m -> queue.add(new Event.TaskFailed(now, r.taskToken(), m.error(), m.cause()));
            case null -> pending = r;
        }
    }

    // ---- reading and checking the request ------------------------------------------------------------------------

    private record Located(StateMachine machine, StateGraph graph, State state) {}

    private static final class Reject extends Exception {
        final Rejection rejection;

        Reject(Rejection.Kind kind, String message) {
            super(message, null, false, false);
            this.rejection = new Rejection(kind, message);
        }
    }

    private static Located locate(String definition, String stateName) throws Reject {
        JsonNode json;
        try {
            json = Json.parse(definition);
        } catch (JsonProcessingException e) {
            json = null;
        }
        boolean single = stateName == null && json instanceof ObjectNode o && o.has("Type") && !o.has("States");
        String text = single ? Json.write(wrap((ObjectNode) json)) : definition;
        ParseResult parsed = Asl.parse(text);
        if (!parsed.isValid()) {
            throw new Reject(Rejection.Kind.INVALID_DEFINITION, parsed.invalidDefinitionMessage());
        }
        StateMachine machine = parsed.machine();
        String name = stateName != null ? stateName : machine.graph().startAt();
        StateGraph graph = graphOf(machine.graph(), name);
        if (graph == null) {
            throw new Reject(Rejection.Kind.VALIDATION, "State not found in definition");
        }
        return new Located(machine, graph, graph.state(name));
    }

    /**
     * One state as the only state of a machine, under {@link #STATE_NAME}. The states it may go to exist only as
     * names to report: each becomes a Succeed state, so that the definition is whole.
     */
    private static ObjectNode wrap(ObjectNode state) {
        ObjectNode machine = Json.object();
        machine.put("StartAt", STATE_NAME);
        if (state.has("QueryLanguage")) {
            machine.set("QueryLanguage", state.get("QueryLanguage"));
        }
        ObjectNode states = machine.putObject("States");
        states.set(STATE_NAME, state);
        Set<String> targets = new LinkedHashSet<>();
        text(state.get("Next"), targets);
        text(state.get("Default"), targets);
        for (JsonNode list : List.of(state.path("Choices"), state.path("Catch"))) {
            for (JsonNode rule : list) {
                text(rule.get("Next"), targets);
            }
        }
        for (String target : targets) {
            if (!states.has(target)) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        return machine;
    }

    private static void text(JsonNode n, Set<String> into) {
        if (n != null && n.isTextual()) {
            into.add(n.asText());
        }
    }

    /** The graph (the machine, a branch, an item processor) that holds the state named {@code name}. */
    private static StateGraph graphOf(StateGraph g, String name) {
        if (g.states().containsKey(name)) {
            return g;
        }
        for (State s : g.states().values()) {
            List<StateGraph> inner = switch (s) {
                case ParallelState p -> p.branches();
                case MapState m -> List.of(m.processor());
                default -> List.of();
            };
            for (StateGraph i : inner) {
                StateGraph found = graphOf(i, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** AWS's checks of a request against the state, in AWS's order; null when it can run. */
    private static Rejection check(State s, Request r) {
        String type = typeName(s);
        boolean fanOut = s instanceof MapState || s instanceof ParallelState;
        if (r.mock() != null && !(s instanceof TaskState) && !fanOut) {
            return validation("State type '" + type + "' is not supported when a mock is specified");
        }
        if (r.mock() == null && fanOut) {
            return new Rejection(Rejection.Kind.INVALID_DEFINITION, "TestState API does not support Map or Parallel "
                    + "states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (r.mock() == null && s instanceof TaskState t && needsMock(t)) {
            return new Rejection(Rejection.Kind.INVALID_DEFINITION, "TestState API does not support Activity tasks "
                    + "or the .sync and .waitForTaskToken service integration patterns without a mock.");
        }
        if (r.context() != null) {
            if (r.mock() == null) {
                return validation("A Context object may only be specified if a mock is specified in the same "
                        + "request.");
            }
            String wrong = contextProblem(r.context(), s);
            if (wrong != null) {
                return validation("Invalid Context object provided: " + wrong);
            }
        }
        if (r.mock() instanceof Mock.Result m) {
            if (s instanceof MapState map) {
                if (map.resultWriter() == null && !m.value().isArray()) {
                    return validation("Mocked result must be an array.");
                }
                if (map.resultWriter() != null && !m.value().isObject()) {
                    return validation("Mocked result must be a JSON object.");
                }
            }
            if (s instanceof ParallelState p) {
                if (!m.value().isArray()) {
                    return validation("Mocked result must be an array.");
                }
                if (m.value().size() != p.branches().size()) {
                    return validation("Mocked result must contain the same number of items as number of Parallel "
                            + "branches.");
                }
            }
        }
        String origin = r.configuration().errorCausedByState();
        if (origin != null && fanOut && inner(s).stream().noneMatch(g -> graphOf(g, origin) != null)) {
            return validation("Expected errorCausedByState to name a state inside the " + type + " state, but '"
                    + origin + "' is none of them.");
        }
        return null;
    }

    private static Rejection validation(String message) {
        return new Rejection(Rejection.Kind.VALIDATION, message);
    }

    private static List<StateGraph> inner(State s) {
        return switch (s) {
            case ParallelState p -> p.branches();
            case MapState m -> List.of(m.processor());
            default -> List.of();
        };
    }

    private static boolean needsMock(TaskState t) {
        return TaskKind.of(t.resource()) == TaskKind.ACTIVITY
                || IntegrationPattern.of(t.resource()) != IntegrationPattern.REQUEST_RESPONSE;
    }

    private static String typeName(State s) {
        String simple = s.getClass().getSimpleName();
        return simple.endsWith("State") ? simple.substring(0, simple.length() - "State".length()) : simple;
    }

    /** The fields a Context object may have, by object; what AWS generates and nothing else. */
    private static final Map<String, Set<String>> CONTEXT_FIELDS = Map.of(
            "Execution", Set.of("Id", "Input", "Name", "RoleArn", "StartTime", "RedriveCount", "RedriveTime"),
            "State", Set.of("EnteredTime", "Name", "RetryCount"),
            "StateMachine", Set.of("Id", "Name"),
            "Task", Set.of("Token"));

    private static String contextProblem(ObjectNode context, State s) {
        for (Map.Entry<String, JsonNode> e : context.properties()) {
            String field = e.getKey();
            if (field.equals("Map")) {
                return "'Map' field is not supported when mocking a Context object";
            }
            Set<String> allowed = CONTEXT_FIELDS.get(field);
            if (allowed == null) {
                return "Field '" + field + "' is not allowed";
            }
            if (field.equals("Task") && !(s instanceof TaskState t
                    && IntegrationPattern.of(t.resource()) != IntegrationPattern.REQUEST_RESPONSE)) {
                return "Context object contains 'Task' when state is not a Task state with a '.sync' or "
                        + "'.waitForTaskToken' service integration pattern";
            }
            if (!e.getValue().isObject()) {
                return "Field '" + field + "' must be an object";
            }
            for (String inner : (Iterable<String>) () -> e.getValue().fieldNames()) {
                if (!allowed.contains(inner)) {
                    return "Field '" + inner + "' is not allowed";
                }
            }
        }
        return null;
    }
}
