package io.conflux.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import io.conflux.engine.store.ExecutionRecord;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Child executions: {@code arn:aws:states:::states:startExecution} starts an execution through the same service as
 * the StartExecution API. Request-response answers with {@code {ExecutionArn, StartDate}}; {@code .sync} waits for
 * the child and answers with its DescribeExecution (Input and Output as JSON text), {@code .sync:2} likewise with
 * Input and Output as JSON; {@code .waitForTaskToken} starts the child and waits for SendTask* with the token. A child
 * that does not succeed fails the task with States.TaskFailed and the child's description as the cause. A failed
 * StartExecution fails it with AWS's SDK error name, e.g. {@code StepFunctions.StateMachineDoesNotExistException}.
 */
final class StartExecutionNode implements ProcessingNode {
    private static final String ACTION = ":states:::states:startExecution";

    private final Executions executions;
    /** Children of running {@code .sync} tasks, by task token: a cancelled task stops its child. */
    private final Map<String, String> syncChildren = new ConcurrentHashMap<>();

    StartExecutionNode(Executions executions) {
        this.executions = executions;
    }

    @Override
    public boolean handles(String resource) {
        if (!resource.startsWith("arn:")) {
            return false;
        }
        int at = resource.indexOf(ACTION);
        return at > 0 && resource.indexOf(':', 4) == at
                && resource.substring(at + ACTION.length()).equals(IntegrationPattern.of(resource).suffix());
    }

    @Override
    public void start(TaskRequest request, TaskCallback callback) {
        JsonNode params = request.input();
        Executions.Started child;
        try {
            if (!params.isObject()) {
                throw Errors.constraintViolations(List.of("Value null at 'stateMachineArn' failed to "
                        + "satisfy constraint: Member must not be null"));
            }
            child = executions.start(text(params, "StateMachineArn"), text(params, "Name"), inputText(params), false);
        } catch (ApiException e) {
            callback.failed(sdkErrorName(e.type()), e.getMessage() + " (Service: AWSStepFunctions; Status Code: 400; "
                    + "Error Code: " + e.type() + "; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
            return;
        }
        ObjectNode response = Json.object();
        response.put("ExecutionArn", child.executionArn());
        response.put("StartDate", child.startDate().toEpochMilli());
        callback.started(null);
        switch (request.pattern()) {
            case REQUEST_RESPONSE -> callback.succeeded(response);
            case WAIT_FOR_TASK_TOKEN -> callback.submitted(response);
            case RUN_JOB, RUN_JOB_2 -> {
                callback.submitted(response);
                boolean jsonData = request.pattern() == IntegrationPattern.RUN_JOB_2;
                String token = request.taskToken();
                syncChildren.put(token, child.executionArn());
                executions.engine().completion(child.executionArn()).whenComplete((end, failure) -> {
                    syncChildren.remove(token);
                    if (failure != null) {
                        callback.failed(ErrorNames.TASK_FAILED, "The child execution " + child.executionArn()
                                + " could not be followed: " + failure);
                    } else if (end.status() == ExecutionStatus.SUCCEEDED) {
                        callback.succeeded(describe(end, jsonData));
                    } else {
                        callback.failed(ErrorNames.TASK_FAILED, Json.write(describe(end, jsonData)));
                    }
                });
            }
        }
    }

    /** A cancelled {@code .sync} task (timed out, or its execution stopped) stops its child, as AWS does. */
    @Override
    public void cancel(String taskToken) {
        String child = syncChildren.remove(taskToken);
        if (child != null) {
            executions.engine().stop(child, null, null);
        }
    }

    /** DescribeExecution of the child in the shape of the SDK's response (capitalised members, dates in millis). */
    private ObjectNode describe(ExecutionRecord e, boolean jsonData) {
        ObjectNode o = Json.object();
        if (e.cause() != null) {
            o.put("Cause", e.cause());
        }
        if (e.error() != null) {
            o.put("Error", e.error());
        }
        o.put("ExecutionArn", e.info().executionArn());
        if (jsonData) {
            o.set("Input", e.input());
        } else {
            o.put("Input", executions.inputText(e));
        }
        o.putObject("InputDetails").put("Included", true);
        o.put("Name", e.info().name());
        if (e.output() != null) {
            if (jsonData) {
                o.set("Output", e.output());
            } else {
                o.put("Output", Json.write(e.output()));
            }
            o.putObject("OutputDetails").put("Included", true);
        }
        if (e.status() == ExecutionStatus.SUCCEEDED) {
            Executions.redrive(o, e, "RedriveCount", "RedriveStatus", "RedriveStatusReason");
        }
        o.put("StartDate", e.startTime().toEpochMilli());
        if (e.info().aliasArn() != null) {
            o.put("StateMachineAliasArn", e.info().aliasArn());
        }
        o.put("StateMachineArn", e.info().stateMachineArn());
        if (e.info().versionArn() != null) {
            o.put("StateMachineVersionArn", e.info().versionArn());
        }
        o.put("Status", e.status().name());
        if (e.stopTime() != null) {
            o.put("StopDate", e.stopTime().toEpochMilli());
        }
        return o;
    }

    private static String text(JsonNode params, String field) {
        JsonNode n = params.get(field);
        return n == null || n.isNull() ? null : n.isTextual() ? n.textValue() : Json.write(n);
    }

    /** {@code Input} as JSON text: a string is taken as the text itself, anything else is serialised. */
    private static String inputText(JsonNode params) {
        JsonNode n = params.get("Input");
        if (n == null || n.isNull()) {
            return "{}";
        }
        return n.isTextual() ? n.textValue() : Json.write(n);
    }

    /** The name AWS's Java SDK gives an error code, as Step Functions reports it: StepFunctions.XxxException. */
    static String sdkErrorName(String code) {
        return "StepFunctions." + (code.endsWith("Exception") ? code : code + "Exception");
    }
}
