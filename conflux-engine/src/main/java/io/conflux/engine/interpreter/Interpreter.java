package io.conflux.engine.interpreter;

import io.conflux.engine.interpreter.ExecutionState.Timer;
import java.util.List;
import java.util.Objects;

/**
 * The ASL interpreter as a step function: {@code step(state, event)} applies one event to an execution and returns
 * the history events and commands it produced. It does no I/O and reads no clock (time comes with the event), so it
 * can be driven by hand in tests, replayed, and run by any runner: in process, in the server, on several nodes.
 *
 * <p>An event that does not apply any more (a late task result after a timeout, a timer that was cancelled, anything
 * after the execution ended) is ignored and produces an empty transition: callbacks race with timers, and the race
 * is decided by whichever event the runner applies first.
 */
public final class Interpreter {

    /** @param limits the service limits to enforce */
    public record Config(Limits limits) {
        public static final Config DEFAULT = new Config(Limits.AWS);

        public Config {
            Objects.requireNonNull(limits, "limits");
        }
    }

    private static final Transition NOTHING = new Transition(List.of(), List.of());

    private final Config config;

    public Interpreter(Config config) {
        this.config = config;
    }

    public Interpreter() {
        this(Config.DEFAULT);
    }

    public Transition step(ExecutionState state, Event event) {
        if (state.status.isTerminal() && !(event instanceof Event.Start) && !(event instanceof Event.Redrive)) {
            return NOTHING;
        }
        Run run = new Run(config, state, event.at());
        switch (event) {
            case Event.Start e -> run.start();
            case Event.TaskStarted e -> {
                Frame f = state.tasks.get(e.token());
                if (f != null) {
                    TaskStep.started(run, f, e.workerName());
                }
            }
            case Event.TaskSubmitted e -> {
                Frame f = state.tasks.get(e.token());
                if (f != null) {
                    TaskStep.submitted(run, f, e.response());
                }
            }
            case Event.TaskHeartbeat e -> {
                Frame f = state.tasks.get(e.token());
                if (f != null) {
                    TaskStep.heartbeat(run, f);
                }
            }
            case Event.TaskSucceeded e -> {
                Frame f = state.tasks.get(e.token());
                if (f != null) {
                    run.resume(f, TaskStep.succeeded(run, f, e.output()));
                }
            }
            case Event.TaskFailed e -> {
                Frame f = state.tasks.get(e.token());
                if (f != null) {
                    run.resume(f, TaskStep.failed(run, f, e.error(), e.cause()));
                }
            }
            case Event.TimerFired e -> timer(run, state, e.timerId());
            case Event.Stop e -> run.endExecution(ExecutionStatus.ABORTED, e.error(), e.cause(), null);
            case Event.Redrive e -> Redrive.apply(run);
        }
        return new Transition(List.copyOf(run.events), List.copyOf(run.commands));
    }

    private static void timer(Run run, ExecutionState state, String timerId) {
        Timer t = state.timers.remove(timerId);
        if (t == null) {
            return; // cancelled, or already fired
        }
        Frame f = t.frame();
        switch (t.kind()) {
            case EXECUTION_TIMEOUT -> run.endExecution(ExecutionStatus.TIMED_OUT, "States.Timeout",
                    "The execution timed out after " + state.machine.timeoutSeconds() + " seconds", null);
            case WAIT -> {
                if (f.phase == Frame.Phase.AWAIT_TIMER && timerId.equals(f.timerId)) {
                    f.timerId = null;
                    f.phase = Frame.Phase.EXECUTE;
                    run.resume(f, WaitStep.leave(run, f, (io.conflux.asl.model.WaitState) f.state));
                }
            }
            case RETRY -> {
                if (f.phase == Frame.Phase.AWAIT_TIMER && timerId.equals(f.timerId)) {
                    f.timerId = null;
                    f.phase = Frame.Phase.EXECUTE;
                    run.runFrame(f);
                }
            }
            case TASK_TIMEOUT, HEARTBEAT -> {
                if (f.phase == Frame.Phase.AWAIT_TASK && f.task != null
                        && f.task.request().taskToken().equals(t.token())) {
                    run.resume(f, TaskStep.timedOut(run, f, t.kind() == ExecutionState.TimerKind.HEARTBEAT));
                }
            }
        }
    }
}
