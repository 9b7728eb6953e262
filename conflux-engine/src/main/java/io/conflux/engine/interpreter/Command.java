package io.conflux.engine.interpreter;

import io.conflux.engine.spi.TaskRequest;
import java.time.Instant;

/** Something the interpreter asks the outside world to do; the runner carries it out after the step is stored. */
public sealed interface Command {

    record StartTask(TaskRequest request) implements Command {}

    record CancelTask(String token, String resource) implements Command {}

    /** Fire {@link Event.TimerFired} with {@code timerId} at {@code due} (at once when overdue). */
    record StartTimer(String timerId, Instant due) implements Command {}

    record CancelTimer(String timerId) implements Command {}

    /** The execution has ended with {@code status}; emitted once. */
    record Finished(ExecutionStatus status) implements Command {}
}
