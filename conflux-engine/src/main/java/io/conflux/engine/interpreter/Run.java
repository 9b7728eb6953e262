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

    Run(Interpreter.Config config, ExecutionState state, Instant now) {
        this.config = config;
        this.s = state;
        this.now = now;
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
        return new SplittableRandom(s.salt.hashCode() * 31L + s.lastEventId * 1_000_003L + events.size());
    }

    // ---- history -----------------------------------------------------------------------------------------------

    /** Appends an event to the history, following from the frame's last event. */
    long emit(Frame f, EventType type, EventDetails details) {
        long id = ++s.lastEventId;
        long previous = f == null ? id - 1 : f.head;
        events.add(new HistoryEvent(id, previous, now, type, details));
        if (f != null) {
            f.head = id;
        }
        return id;
    }

    /** Appends an event that follows from {@code previous} without moving the frame's chain. */
    long emitAside(long previous, EventType type, EventDetails details) {
        long id = ++s.lastEventId;
        events.add(new HistoryEvent(id, previous, now, type, details));
        return id;
    }

    void command(Command c) {
        commands.add(c);
    }

    String newTimer(TimerKind kind, Frame frame, String token, Instant due) {
        String id = kind.name().toLowerCase(java.util.Locale.ROOT) + "-" + s.nextTimerId++;
        s.timers.put(id, new Timer(kind, frame, token));
        command(new Command.StartTimer(id, due));
        return id;
    }

    void cancelTimer(String id) {
        if (id != null && s.timers.remove(id) != null) {
            command(new Command.CancelTimer(id));
        }
    }

    /** Emits the state's exited event and records its variables; checks the output's size. */
    void exited(Frame f, JsonNode output, Map<String, JsonNode> assigned) {
        config.limits().checkPayload(output, "the output of state '" + f.state.name() + "'");
        f.assign(assigned);
        emit(f, Names.exited(f.state), new EventDetails.StateExited(f.state.name(), output,
                DataFlow.assignedText(assigned)));
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    void start() {
        if (s.started) {
            return; // a duplicate Start is harmless
        }
        s.started = true;
        emit(null, EventType.ExecutionStarted, new EventDetails.ExecutionStarted(s.input, s.info.roleArn(),
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
        Frame root = newFrame(null, -1, s.machine.graph());
        root.head = 0; // AWS: the first state's entered event follows from no event
        root.input = s.input;
        s.root = root;
        runFrame(root);
    }

    Frame newFrame(Frame parent, int index, StateGraph graph) {
        Frame f = new Frame(s.nextFrameId++, parent, index, graph);
        f.state = graph.start();
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
        f.enteredTime = now;
        f.retryCount = 0;
        f.attempts = null;
        f.enteredEventId = emit(f, Names.entered(state), new EventDetails.StateEntered(state.name(), f.input));
        return execute(f);
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

    /** A failure of the definition's own evaluation: AWS prefixes the cause with where it happened. */
    Outcome.Failed evaluationFailure(Frame f, StatesException e) {
        String cause = "An error occurred while executing the state '" + f.state.name() + "' (entered at the event id #"
                + f.enteredEventId + "). " + e.cause();
        return new Outcome.Failed(e.error(), cause, !ErrorNames.RUNTIME.equals(e.error()));
    }

    /** Moves a frame according to an outcome. Returns whether the frame can keep running now. */
    boolean apply(Frame f, Outcome o) {
        switch (o) {
            case Outcome.Next n -> {
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
                Outcome handled = x.recoverable() ? Recovery.handle(this, f, x) : null;
                if (handled == null) {
                    frameFailed(f, x.error(), x.cause());
                    return false;
                }
                return apply(f, handled);
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
                fo.running++;
                Frame child = fo.map ? MapStep.startIteration(this, parent, index)
                        : ParallelStep.startBranch(this, parent, index);
                if (child != null) {
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

    private void childEnded(Frame child, boolean success, JsonNode output, String error, String cause) {
        Frame parent = child.parent;
        FanOut fo = parent.fanOut;
        if (fo == null || !fo.live.remove(child)) {
            return; // the fan-out was aborted meanwhile
        }
        fo.running--;
        if (success) {
            fo.succeeded++;
            fo.results[child.index] = output;
            if (fo.map) {
                child.head = emitAside(child.head, EventType.MapIterationSucceeded,
                        new EventDetails.MapIteration(parent.state.name(), child.index));
            }
        } else {
            fo.failed++;
            if (fo.failed == 1) {
                fo.firstError = error;
                fo.firstCause = cause;
            }
            if (fo.map) {
                emit(child, EventType.MapIterationFailed,
                        new EventDetails.MapIteration(parent.state.name(), child.index));
                fo.results[child.index] = MapStep.failedItemResult(error, cause);
            }
            if (!fo.map || fo.overTolerance()) {
                fo.closed = true;
                abortChildren(fo);
                parent.fanOut = null;
                parent.head = child.head;
                Outcome o = fo.map ? MapStep.failed(this, parent, fo, error, cause)
                        : ParallelStep.failed(this, parent, error, cause);
                resume(parent, o);
                return;
            }
        }
        parent.head = child.head;
        pump(parent);
    }

    /** Stops every running child of a fan-out (a sibling failed, or the execution ended). */
    private void abortChildren(FanOut fo) {
        for (Frame c : List.copyOf(fo.live)) {
            abort(c);
            if (fo.map) {
                emit(c, EventType.MapIterationAborted, new EventDetails.MapIteration(c.parent.state.name(), c.index));
            }
        }
        fo.live.clear();
        fo.running = 0;
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
        for (Frame f : List.copyOf(s.frames.values())) {
            abort(f);
        }
        for (Map.Entry<String, Timer> t : List.copyOf(s.timers.entrySet())) {
            cancelTimer(t.getKey());
        }
        long last = s.lastEventId;
        switch (status) {
            case SUCCEEDED -> emitAside(last, EventType.ExecutionSucceeded, new EventDetails.ExecutionSucceeded(output));
            case FAILED -> emitAside(last, EventType.ExecutionFailed, new EventDetails.ExecutionEnded(error, cause));
            case TIMED_OUT -> emitAside(last, EventType.ExecutionTimedOut,
                    new EventDetails.ExecutionEnded(error, cause));
            case ABORTED -> emitAside(last, EventType.ExecutionAborted, new EventDetails.ExecutionEnded(error, cause));
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
