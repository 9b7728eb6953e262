package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.StateMachine;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything the interpreter knows about one execution. It has exactly one writer at a time (the runner serialises
 * the events of an execution), and only {@link Interpreter#step} changes it: the interpreter is a deterministic
 * function of (state, event) that reads no clock, makes no I/O and draws no randomness except from the execution's
 * {@link #salt}.
 */
public final class ExecutionState {

    /** What a timer is for. */
    enum TimerKind {
        WAIT,
        RETRY,
        TASK_TIMEOUT,
        HEARTBEAT,
        EXECUTION_TIMEOUT
    }

    record Timer(TimerKind kind, Frame frame, String token, Instant due) {}

    final ExecutionInfo info;
    final StateMachine machine;
    final JsonNode input;
    final Instant startTime;
    /** Secret per execution: makes task tokens unguessable while keeping the interpreter deterministic. */
    final String salt;

    ExecutionStatus status = ExecutionStatus.RUNNING;
    JsonNode output;
    String error;
    String cause;
    Instant stopTime;
    long lastEventId;
    long nextFrameId = 1;
    long nextTimerId = 1;
    long nextTokenSeq = 1;
    boolean started;
    Frame root;
    final Map<Long, Frame> frames = new HashMap<>();
    final Map<String, Frame> tasks = new HashMap<>();
    final Map<String, Timer> timers = new HashMap<>();
    /** Lazily built parts of the context object that do not change during the execution. */
    JsonNode contextExecution;
    JsonNode contextStateMachine;
    /** How often the execution was redriven, and when last ($$.Execution.RedriveCount, RedriveTime). */
    int redriveCount;
    Instant redriveTime;
    /** Set only for a TestState run of one state: what replaces the outside world, and what the run showed. */
    TestProbe test;

    private ExecutionState(ExecutionInfo info, StateMachine machine, JsonNode input, Instant startTime, String salt) {
        this.info = info;
        this.machine = machine;
        this.input = input;
        this.startTime = startTime;
        this.salt = salt;
    }

    /**
     * A new execution, not yet started: feed it {@link Event.Start}.
     *
     * @param salt a random secret (e.g. a UUID) that task tokens are derived from
     */
    public static ExecutionState create(ExecutionInfo info, StateMachine machine, JsonNode input, Instant startTime,
            String salt) {
        return new ExecutionState(info, machine, input, startTime, salt);
    }

    public ExecutionInfo info() {
        return info;
    }

    public StateMachine machine() {
        return machine;
    }

    public JsonNode input() {
        return input;
    }

    public Instant startTime() {
        return startTime;
    }

    /** The secret task tokens and random draws derive from; a durable store keeps it to replay the execution. */
    public String salt() {
        return salt;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** The output once SUCCEEDED, else null. */
    public JsonNode output() {
        return output;
    }

    /** The error name once FAILED, TIMED_OUT or ABORTED (may be null, as AWS allows). */
    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public Instant stopTime() {
        return stopTime;
    }

    /** How many times the execution was redriven. */
    public int redriveCount() {
        return redriveCount;
    }

    /** When the execution was last redriven, or null. */
    public Instant redriveTime() {
        return redriveTime;
    }

    /** The id of the last history event. */
    public long lastEventId() {
        return lastEventId;
    }

    /** Tokens of the tasks the execution waits for. */
    public Set<String> pendingTaskTokens() {
        return Collections.unmodifiableSet(tasks.keySet());
    }

    /** Ids of the timers the execution waits for. */
    public Set<String> pendingTimers() {
        return Collections.unmodifiableSet(timers.keySet());
    }

    /** The timers the execution waits for, with their due times: what a runner re-arms after a restart. */
    public Map<String, Instant> pendingTimerDues() {
        Map<String, Instant> out = new HashMap<>();
        timers.forEach((id, t) -> out.put(id, t.due()));
        return out;
    }

    /**
     * A task the execution waits for.
     *
     * @param started whether its node reported it started (an activity worker took it, a callback was sent): after a
     *     restart such a task is waited for, not started again
     */
    public record WaitingTask(io.conflux.engine.spi.TaskRequest request, boolean started) {}

    /** The tasks the execution waits for: what a runner hands out again after a restart. */
    public java.util.List<WaitingTask> waitingTasks() {
        java.util.List<WaitingTask> out = new java.util.ArrayList<>();
        for (Frame f : tasks.values()) {
            if (f.task != null) {
                out.add(new WaitingTask(f.task.request(), f.task.started()));
            }
        }
        return out;
    }
}
