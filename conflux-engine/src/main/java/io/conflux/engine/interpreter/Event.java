package io.conflux.engine.interpreter;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Something that happened to an execution, fed to {@link Interpreter#step}. Each carries the time it is applied at:
 * the interpreter reads no clock.
 */
public sealed interface Event {

    Instant at();

    /** Begin the execution. */
    record Start(Instant at) implements Event {}

    record TaskStarted(Instant at, String token, String workerName) implements Event {}

    record TaskSubmitted(Instant at, String token, JsonNode response) implements Event {}

    record TaskSucceeded(Instant at, String token, JsonNode output) implements Event {}

    record TaskFailed(Instant at, String token, String error, String cause) implements Event {}

    record TaskHeartbeat(Instant at, String token) implements Event {}

    record TimerFired(Instant at, String timerId) implements Event {}

    /** StopExecution: abort with an optional error and cause. */
    record Stop(Instant at, String error, String cause) implements Event {}

    /**
     * RedriveExecution: an execution that failed, timed out or was aborted runs again from where it stopped. Ignored
     * unless the execution has ended unsuccessfully.
     */
    record Redrive(Instant at) implements Event {}
}
