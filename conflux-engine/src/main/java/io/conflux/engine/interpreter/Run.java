package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.StatesException;
import io.conflux.asl.model.ChoiceState;
import io.conflux.asl.model.FailState;
import io.conflux.asl.model.MapState;
import io.conflux.asl.model.ParallelState;
import io.conflux.asl.model.PassState;
import io.conflux.asl.model.State;
import io.conflux.asl.model.StateGraph;
import io.conflux.asl.model.SucceedState;
import io.conflux.asl.model.TaskState;
import io.conflux.asl.model.WaitState;
import io.conflux.engine.history.EventDetails;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionState.Timer;
import io.conflux.engine.interpreter.ExecutionState.TimerKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One step of the interpreter: applies one event to an execution and collects the history events and commands it
 * produces. Frames run as far as they can (Pass chains, Choice, synchronous Map iterations) until every one waits for
 * a task, a timer or children, so one step covers many state transitions.
 *
 * <p>The state types' own logic lives in one class each ({@link PassStep}, {@link TaskStep} …); this class owns
 * frames, fan-outs, numbering and the end of the execution.
 */
final class Run {
    private final Interpreter.Config config;
    private final ExecutionState s;
    private final Instant now;
    final List<HistoryEvent> events = new ArrayList<>();
    final List<Command> commands = new ArrayList<>();
    private final long stepStartEventId;
    private RandomGenerator random;

    Run(Interpreter.Config config, ExecutionState state, Instant now) {
        this.config = config;
        this.s = state;
        this.now = now;
        this.stepStartEventId = state.lastEventId;
    }

    ExecutionState state() {
        return s;
    }

    Instant now() {
        return now;
    }

    Interpreter.Config config() {
        return config;
    }

    /** Randomness derived from the execution's salt and position, so that a step is reproducible. */
    RandomGenerator random() {
        if (random == null) {
            // Seeded by the execution's salt and where the step starts: a replay of the same events draws the same
            // numbers, and every draw within the step is a new one.
            random = new SplittableRandom(s.salt.hashCode() * 0x9E3779B97F4A7C15L + stepStartEventId * 1_000_003L);
        }
        return random;
    }

    // ---- history -----------------------------------------------------------------------------------------------

    /** Appends an event to the history, following from the frame's last event, and makes it the frame's last. */
    long emit(Frame f, EventType type, EventDetails details) {
        if (f.unrecorded) {
            return f.head;
        }
        f.head = append(f.head, type, details);
        return f.head;
    }

    /**
     * Appends an event that follows from the frame's last event without becoming it: a side record such as
     * MapIterationSucceeded, ParallelStateSucceeded or TaskStateAborted, which AWS numbers off the chain.
     */
    long note(Frame f, EventType type, EventDetails details) {
        if (f.unrecorded) {
            return f.head;
        }
        return append(f.head, type, details);
    }

    /** Appends an event that follows from {@code previous}. */
    long append(long previous, EventType type, EventDetails details) {
        long id = ++s.lastEventId;
        events.add(new HistoryEvent(id, previous, now, type, details));
        return id;
    }

    void command(Command c) {
        commands.add(c);
    }

    String newTimer(TimerKind kind, Frame frame, String token, Instant due) {
        String id = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + s.nextTimerId++;
        s.timers.put(id, new Timer(kind, frame, token, due));
        command(new Command.StartTimer(id, due));
        return id;
    }

    void cancelTimer(String id) {
        if (id != null && s.timers.remove(id) != null) {
            command(new Command.CancelTimer(id));
        }
    }

    /**
     * Emits the state's exited event and records its variables, once the output and the variables are within AWS's
     * size limits. The variables become visible only now: every expression of the state read the values from before.
     */
    void exited(Frame f, JsonNode output, Map<String, JsonNode> assigned) {
        config.limits().checkPayload(output, "the output of state '" + f.state.name() + "'");
        Map<String, String> texts = DataFlow.assignedText(assigned);
        if (texts != null) {
            Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
            texts.forEach((name, text) -> sizes.put(name, utf8Length(text)));
            config.limits().checkVariables(f.state.name(), sizes, f.visibleVariableBytes(),
                    f.ownVariableBytes(sizes.keySet()));
            f.assign(assigned, sizes);
        }
        emit(f, Names.exited(f.state), new EventDetails.StateExited(f.state.name(), output, texts));
    }

    static int utf8Length(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    void start() {
        if (s.started) {
            return; // a duplicate Start is harmless
        }
        s.started = true;
        append(0, EventType.ExecutionStarted, new EventDetails.ExecutionStarted(s.input, s.info.roleArn(),
                s.info.aliasArn(), s.info.versionArn()));
        Long timeout = s.machine.timeoutSeconds();
        if (timeout != null) {
            newTimer(TimerKind.EXECUTION_TIMEOUT, null, null, s.startTime.plusSeconds(timeout));
        }
        try {
            config.limits().checkPayload(s.input, "the execution input");
        } catch (StatesException e) {
            endExecution(ExecutionStatus.FAILED, e.error(), e.cause(), null);
            return;
        }
        Frame root = newFrame(null, -1, s.test == null ? s.machine.graph() : s.test.graph);
        root.head = 0; // AWS: the first state's entered event follows from no event
        root.input = s.input;
        s.root = root;
        if (s.test != null) {
            root.state = s.test.state;
            Map<String, String> texts = DataFlow.assignedText(s.test.variables);
            if (texts != null) {
                Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
                texts.forEach((name, text) -> sizes.put(name, utf8Length(text)));
                root.assign(s.test.variables, sizes);
            }
        }
        runFrame(root);
    }

    Frame newFrame(Frame parent, int index, StateGraph graph) {
        Frame f = new Frame(s.nextFrameId++, parent, index, graph);
        f.state = graph.start();
        if (parent != null) {
            f.unrecorded = parent.unrecorded;
            f.head = parent.head;
        }
        s.frames.put(f.id, f);
        return f;
    }

    /** Runs a frame until it waits or ends. */
    void runFrame(Frame f) {
        while (s.status == ExecutionStatus.RUNNING) {
            Outcome o = switch (f.phase) {
                case ENTER -> enter(f);
                case EXECUTE -> execute(f);
                case AWAIT_TASK, AWAIT_TIMER, AWAIT_CHILDREN, DONE -> Outcome.PARKED;
            };
            if (!apply(f, o)) {
                return;
            }
        }
    }

    private Outcome enter(Frame f) {
        State state = f.state;
        // A redriven Map or Parallel takes over the children that ended unsuccessfully; any other entry forgets them.
        f.carried = f.redriven ? f.halted : null;
        f.redriven = false;
        f.halted = null;
        f.enteredTime = now;
        f.retryCount = s.test != null && f.parent == null ? s.test.retryCount() : 0;
        f.attempts = null;
        f.enteredFrom = f.head;
        f.enteredEventId = emit(f, Names.entered(state), new EventDetails.StateEntered(state.name(), f.input));
        inspect(TestProbe.INPUT, f.input);
        return execute(f);
    }

    /** The TestState probe of this execution, or null: the interpreter runs an execution's steps without one. */
    TestProbe test() {
        return s.test;
    }

    /** Records a value of the tested state's data flow, when this is a TestState run. */
    void inspect(String field, JsonNode value) {
        if (s.test != null) {
            s.test.inspect(field, value);
        }
    }

    /** Runs the current state's work; evaluation errors become failures worded as AWS words them. */
    Outcome execute(Frame f) {
        f.phase = Frame.Phase.EXECUTE;
        try {
            return switch (f.state) {
                case PassState p -> PassStep.execute(this, f, p);
                case TaskState t -> TaskStep.execute(this, f, t);
                case ChoiceState c -> ChoiceStep.execute(this, f, c);
                case WaitState w -> WaitStep.execute(this, f, w);
                case SucceedState x -> EndSteps.succeed(this, f, x);
                case FailState x -> EndSteps.fail(this, f, x);
                case ParallelState p -> ParallelStep.execute(this, f, p);
                case MapState m -> MapStep.execute(this, f, m);
            };
        } catch (StatesException e) {
            return evaluationFailure(f, e);
        }
    }

    /**
     * A failure of the definition's own evaluation: AWS prefixes the cause with where it happened. A JSONata error
     * (States.QueryEvaluationError) is also recorded as EvaluationFailed, which follows from the event the state was
     * entered from: AWS evaluates a state's fields in the same step that enters it, so the error has the same
     * origin. A Wait state evaluates its Seconds or Timestamp in a step of its own, after entering.
     */
    Outcome.Failed evaluationFailure(Frame f, StatesException e) {
        String cause = "An error occurred while executing the state '" + f.state.name() + "' (entered at the event id #"
                + f.enteredEventId + "). " + e.cause();
        if (ErrorNames.QUERY_EVALUATION_ERROR.equals(e.error()) && !f.unrecorded) {
            long from = f.state instanceof WaitState ? f.enteredEventId : f.enteredFrom;
            f.head = append(from, EventType.EvaluationFailed, new EventDetails.EvaluationFailed(e.error(), cause,
                    e.location(), f.state.name()));
        }
        return new Outcome.Failed(e.error(), cause, !ErrorNames.RUNTIME.equals(e.error()));
    }

    /** Moves a frame according to an outcome. Returns whether the frame can keep running now. */
    boolean apply(Frame f, Outcome o) {
        switch (o) {
            case Outcome.Next n -> {
                if (s.test != null && f.parent == null) {
                    // TestState runs one state: where it goes is the answer, not the next step.
                    s.test.nextState = n.state();
                    f.phase = Frame.Phase.DONE;
                    s.frames.remove(f.id);
                    endExecution(ExecutionStatus.SUCCEEDED, null, null, n.output());
                    return false;
                }
                State next = f.graph.state(n.state());
                if (next == null) {
                    // Validation makes this impossible; guard against a definition changed under a running execution.
                    return apply(f, new Outcome.Failed(ErrorNames.RUNTIME,
                            "Expected a state named '" + n.state() + "', but the definition has none", false));
                }
                f.state = next;
                f.input = n.output();
                f.phase = Frame.Phase.ENTER;
                return true;
            }
            case Outcome.End e -> {
                frameSucceeded(f, e.output());
                return false;
            }
            case Outcome.Parked p -> {
                return false;
            }
            case Outcome.Again a -> {
                f.phase = Frame.Phase.EXECUTE;
                return true;
            }
            case Outcome.Failed x -> {
                if (s.test != null && f.parent == null) {
                    s.test.error = x.error();
                    s.test.cause = x.cause();
                }
                if (x.recoverable()) {
                    Outcome retry = Recovery.retry(this, f, x);
                    if (retry != null) {
                        return apply(f, retry);
                    }
                    // Final for this state. A Map or Parallel records that it failed only now: AWS writes no
                    // MapStateFailed or ParallelStateFailed before a retry, only MapStateStarted again.
                    stateFailed(f);
                }
                Outcome caught = x.recoverable() ? Recovery.caught(this, f, x) : null;
                if (caught == null) {
                    frameFailed(f, x.error(), x.cause());
                    return false;
                }
                return apply(f, caught);
            }
        }
    }

    /** Resumes a frame after an event, running it further when it can. */
    void resume(Frame f, Outcome o) {
        if (apply(f, o)) {
            runFrame(f);
        }
    }

    private void frameSucceeded(Frame f, JsonNode output) {
        f.phase = Frame.Phase.DONE;
        s.frames.remove(f.id);
        if (f.parent == null) {
            endExecution(ExecutionStatus.SUCCEEDED, null, null, output);
        } else {
            childEnded(f, true, output, null, null);
        }
    }

    /**
     * MapStateFailed or ParallelStateFailed, when a Map or Parallel state fails for good (caught or not). A States.Runtime
     * error in the state's own fields ends the execution without it.
     */
    private void stateFailed(Frame f) {
        switch (f.state) {
            case MapState m -> emit(f, EventType.MapStateFailed, EventDetails.NONE);
            case ParallelState p -> emit(f, EventType.ParallelStateFailed, EventDetails.NONE);
            default -> {}
        }
    }

    void frameFailed(Frame f, String error, String cause) {
        f.phase = Frame.Phase.DONE;
        s.frames.remove(f.id);
        if (f.parent == null) {
            endExecution(ExecutionStatus.FAILED, error, cause, null);
        } else {
            childEnded(f, false, null, error, cause);
        }
    }

    // ---- fan-out -----------------------------------------------------------------------------------------------

    /** Starts children of {@code parent}'s fan-out while its concurrency allows; finishes it when all are done. */
    void pump(Frame parent) {
        FanOut fo = parent.fanOut;
        if (fo.pumping) {
            return;
        }
        fo.pumping = true;
        try {
            while (fo.canStart() && s.status == ExecutionStatus.RUNNING) {
                int index = fo.next++;
                fo.skipSucceeded();
                fo.running++;
                Frame child = fo.map ? MapStep.startIteration(this, parent, index)
                        : ParallelStep.startBranch(this, parent, index);
                if (child != null) {
                    fo.children[index] = child;
                    fo.live.add(child);
                    runFrame(child);
                }
            }
        } finally {
            fo.pumping = false;
        }
        if (fo.allDone() && parent.fanOut == fo && s.status == ExecutionStatus.RUNNING) {
            parent.fanOut = null;
            Outcome o = fo.map ? MapStep.completed(this, parent, fo) : ParallelStep.completed(this, parent, fo);
            resume(parent, o);
        }
    }

    /**
     * A child frame ended. How AWS numbers what follows:
     *
     * <ul>
     *   <li>MapIterationSucceeded and MapIterationFailed follow from the iteration's last event, off the chain.
     *   <li>The next iteration starts from that same last event: the iteration's end freed its slot.
     *   <li>A Map that completes closes (MapStateSucceeded, MapStateExited) from the end record of its last
     *       iteration; a Parallel (ParallelStateSucceeded, ParallelStateExited) from its last branch's last event.
     *   <li>A failing fan-out fails (MapStateFailed, ParallelStateFailed, or MapStateStarted again for a retry) from
     *       the failing child's last event, not from MapIterationFailed.
     * </ul>
     */
    private void childEnded(Frame child, boolean success, JsonNode output, String error, String cause) {
        Frame parent = child.parent;
        FanOut fo = parent.fanOut;
        if (fo == null || !fo.live.remove(child)) {
            return; // the fan-out was aborted meanwhile
        }
        fo.running--;
        parent.head = child.head;
        if (success) {
            fo.succeeded(child, output);
            if (fo.map) {
                fo.lastEnd = note(child, EventType.MapIterationSucceeded,
                        new EventDetails.MapIteration(parent.state.name(), child.index));
            }
        } else {
            fo.failed++;
            if (fo.failed == 1) {
                fo.firstError = error;
                fo.firstCause = cause;
            }
            if (fo.map) {
                fo.lastEnd = note(child, EventType.MapIterationFailed,
                        new EventDetails.MapIteration(parent.state.name(), child.index));
                fo.results[child.index] = MapStep.failedItemResult(error, cause);
            } else if (child.state instanceof TaskState) {
                // A failing branch is aborted with its siblings: AWS records the Task it failed in as aborted.
                note(child, EventType.TaskStateAborted, EventDetails.NONE);
            }
            if (!fo.map || fo.overTolerance()) {
                fo.closed = true;
                abortChildren(fo);
                parent.fanOut = null;
                parent.halted = fo;
                Outcome o = fo.map ? MapStep.failed(this, parent, fo, error, cause)
                        : ParallelStep.failed(this, parent, error, cause);
                resume(parent, o);
                return;
            }
        }
        pump(parent);
    }

    /** Stops every running child of a fan-out whose sibling failed, recording what each was doing as aborted. */
    private void abortChildren(FanOut fo) {
        for (Frame c : List.copyOf(fo.live)) {
            abortRecorded(c);
            if (fo.map) {
                note(c, EventType.MapIterationAborted, new EventDetails.MapIteration(c.parent.state.name(), c.index));
            }
        }
        fo.live.clear();
        fo.running = 0;
    }

    /** Aborts a frame and records its current state as aborted (innermost first), as AWS does for a failed sibling. */
    private void abortRecorded(Frame f) {
        if (f.phase == Frame.Phase.AWAIT_CHILDREN && f.fanOut != null) {
            FanOut inner = f.fanOut;
            inner.closed = true;
            abortChildren(inner);
            f.fanOut = null;
            f.halted = inner;
        }
        EventType aborted = switch (f.state) {
            case TaskState t -> EventType.TaskStateAborted;
            case WaitState w -> EventType.WaitStateAborted;
            case MapState m -> EventType.MapStateAborted;
            case ParallelState p -> EventType.ParallelStateAborted;
            default -> null;
        };
        boolean inState = f.phase == Frame.Phase.AWAIT_TASK || f.phase == Frame.Phase.AWAIT_TIMER
                || f.phase == Frame.Phase.AWAIT_CHILDREN;
        abort(f);
        if (aborted != null && inState) {
            note(f, aborted, EventDetails.NONE);
        }
    }

    /** Cancels what a frame waits for, recursively, without history of its own. */
    void abort(Frame f) {
        switch (f.phase) {
            case AWAIT_TASK -> {
                PendingTask t = f.task;
                s.tasks.remove(t.request().taskToken());
                cancelTimer(t.timeoutTimer());
                cancelTimer(t.heartbeatTimer());
                command(new Command.CancelTask(t.request().taskToken(), t.request().resource()));
                f.task = null;
            }
            case AWAIT_TIMER -> cancelTimer(f.timerId);
            case AWAIT_CHILDREN -> {
                FanOut fo = f.fanOut;
                if (fo != null) {
                    f.halted = fo;
                    fo.closed = true;
                    for (Frame c : List.copyOf(fo.live)) {
                        abort(c);
                    }
                    fo.live.clear();
                }
                f.fanOut = null;
            }
            case ENTER, EXECUTE, DONE -> {}
        }
        f.phase = Frame.Phase.DONE;
        s.frames.remove(f.id);
    }

    // ---- the end -----------------------------------------------------------------------------------------------

    void endExecution(ExecutionStatus status, String error, String cause, JsonNode output) {
        if (s.status != ExecutionStatus.RUNNING) {
            return;
        }
        if (status == ExecutionStatus.SUCCEEDED) {
            try {
                config.limits().checkPayload(output, "the execution output");
            } catch (StatesException e) {
                status = ExecutionStatus.FAILED;
                error = e.error();
                cause = e.cause();
                output = null;
            }
        }
        // AWS records no TaskStateAborted or WaitStateAborted when the execution itself ends (stopped, timed out,
        // failed): the execution's end is the record.
        for (Frame f : List.copyOf(s.frames.values())) {
            abort(f);
        }
        for (Map.Entry<String, Timer> t : List.copyOf(s.timers.entrySet())) {
            cancelTimer(t.getKey());
        }
        // An execution that ends by itself ends from its last event. One that is stopped, or runs out of time, ends
        // by something outside its history: AWS records ExecutionAborted as following from no event (0), and
        // ExecutionTimedOut is taken to be alike.
        long last = s.lastEventId;
        switch (status) {
            case SUCCEEDED -> append(last, EventType.ExecutionSucceeded, new EventDetails.ExecutionSucceeded(output));
            case FAILED -> append(last, EventType.ExecutionFailed, new EventDetails.ExecutionEnded(error, cause));
            case TIMED_OUT -> append(0, EventType.ExecutionTimedOut, new EventDetails.ExecutionEnded(error, cause));
            case ABORTED -> append(0, EventType.ExecutionAborted, new EventDetails.ExecutionEnded(error, cause));
            case RUNNING, PENDING_REDRIVE -> throw new IllegalStateException("Not an end: " + status);
        }
        s.status = status;
        s.output = output;
        s.error = error;
        s.cause = cause;
        s.stopTime = now;
        command(new Command.Finished(status));
    }
}
