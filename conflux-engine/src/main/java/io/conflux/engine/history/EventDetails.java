package io.conflux.engine.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The details of a history event, one record per AWS details shape. Payloads are JSON values shared with the
 * execution, not copies; they are written as JSON text only when the history is served.
 */
public sealed interface EventDetails {

    /** Events that carry no details (LambdaFunctionStarted, ParallelStateStarted, MapStateSucceeded, …). */
    record None() implements EventDetails {}

    None NONE = new None();

    record ExecutionStarted(JsonNode input, String roleArn, String stateMachineAliasArn,
            String stateMachineVersionArn) implements EventDetails {}

    record ExecutionSucceeded(JsonNode output) implements EventDetails {}

    record ExecutionRedriven(int redriveCount) implements EventDetails {}

    /** ExecutionFailed, ExecutionAborted and ExecutionTimedOut; error and cause may be null. */
    record ExecutionEnded(String error, String cause) implements EventDetails {}

    record StateEntered(String name, JsonNode input) implements EventDetails {}

    /** @param assignedVariables variables assigned by the state (name to JSON text), or null */
    record StateExited(String name, JsonNode output, Map<String, String> assignedVariables)
            implements EventDetails {}

    record MapStateStarted(int length) implements EventDetails {}

    record MapRunStarted(String mapRunArn) implements EventDetails {}

    /** MapIterationStarted/Succeeded/Failed/Aborted. */
    record MapIteration(String name, int index) implements EventDetails {}

    record TaskScheduled(String resourceType, String resource, String region, JsonNode parameters,
            Long timeoutInSeconds, Long heartbeatInSeconds, JsonNode taskCredentials) implements EventDetails {}

    /** TaskStarted. */
    record TaskStarted(String resourceType, String resource) implements EventDetails {}

    /** TaskSubmitted and TaskSucceeded. */
    record TaskOutput(String resourceType, String resource, JsonNode output) implements EventDetails {}

    /** TaskFailed, TaskTimedOut, TaskStartFailed, TaskSubmitFailed. */
    record TaskError(String resourceType, String resource, String error, String cause) implements EventDetails {}

    /** LambdaFunctionScheduled and ActivityScheduled. */
    record Scheduled(String resource, JsonNode input, Long timeoutInSeconds, Long heartbeatInSeconds)
            implements EventDetails {}

    /** ActivityStarted. */
    record ActivityStarted(String workerName) implements EventDetails {}

    /** LambdaFunctionSucceeded and ActivitySucceeded. */
    record Output(JsonNode output) implements EventDetails {}

    /** LambdaFunction/Activity Failed, TimedOut, ScheduleFailed, StartFailed. */
    record Failure(String error, String cause) implements EventDetails {}

    record EvaluationFailed(String error, String cause, String location, String state) implements EventDetails {}
}
