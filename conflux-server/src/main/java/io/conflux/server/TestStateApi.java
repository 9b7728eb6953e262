package io.conflux.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.ErrorNames;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.Interpreter;
import io.conflux.engine.interpreter.Limits;
import io.conflux.engine.interpreter.StateTest;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TestState: runs one state through the interpreter ({@link StateTest}) and answers with its output, error, next
 * state and, at the DEBUG and TRACE levels, the data flow on the way. Where AWS calls the real service for a Task
 * without a mock, this server hands the task to its processing nodes, as an execution would.
 */
final class TestStateApi {
    /** AWS lets TestState run for up to five minutes. */
    private static final Duration MAX_RUN = Duration.ofMinutes(5);
    private static final List<String> LEVELS = List.of("INFO", "DEBUG", "TRACE");
    private static final List<String> VALIDATION_MODES = List.of("STRICT", "PRESENT", "NONE");

    private final ServerConfig config;
    private final List<ProcessingNode> nodes;
    private final Interpreter.Config interpreter;

    /** @param nodes the processing nodes tasks without a mock run on, in the engine's order */
    TestStateApi(ServerConfig config, List<ProcessingNode> nodes) {
        this.config = config;
        this.nodes = List.copyOf(nodes);
        this.interpreter = new Interpreter.Config(new Limits(config.maxPayloadBytes()));
    }

    void register(Map<String, Operation> ops) {
        ops.put("TestState", this::testState);
    }

    private ObjectNode testState(Request r) throws InterruptedException {
        String definition = r.requiredString("definition", 1, 1_048_576);
        String roleArn = r.optionalString("roleArn", 1, 256);
        String input = r.sensitiveString("input", config.maxPayloadBytes());
        String level = r.optionalEnum("inspectionLevel", LEVELS);
        boolean revealSecrets = r.optionalBoolean("revealSecrets", false);
        String variables = r.sensitiveString("variables", config.maxPayloadBytes());
        String stateName = r.optionalString("stateName", 1, 80);
        String context = r.sensitiveString("context", config.maxPayloadBytes());
        Request mock = r.optionalStructure("mock");
        String mockResult = null;
        String mockError = null;
        String mockCause = null;
        boolean mockFailure = false;
        String validationMode = null;
        if (mock != null) {
            mockResult = mock.sensitiveString("result", config.maxPayloadBytes());
            Request errorOutput = mock.optionalStructure("errorOutput");
            if (errorOutput != null) {
                mockFailure = true;
                mockError = errorOutput.sensitiveString("error", 256);
                mockCause = errorOutput.sensitiveString("cause", 32768);
            }
            validationMode = mock.optionalEnum("fieldValidationMode", VALIDATION_MODES);
        }
        Request configuration = r.optionalStructure("stateConfiguration");
        StateTest.Configuration settings = StateTest.Configuration.NONE;
        if (configuration != null) {
            Integer retries = configuration.optionalInt("retrierRetryCount", 0, Integer.MAX_VALUE);
            String origin = configuration.optionalString("errorCausedByState", 1, 80);
            Integer failures = configuration.optionalInt("mapIterationFailureCount", 0, Integer.MAX_VALUE);
            String readerData = configuration.sensitiveString("mapItemReaderData", config.maxPayloadBytes());
            settings = new StateTest.Configuration(retries, failures, origin, readerData == null ? null
                    : jsonOrText(readerData));
        }
        r.validate();
        if (roleArn != null && !roleArn.startsWith("arn:")) {
            throw Errors.invalidArnPrefix(roleArn);
        }
        if (revealSecrets && mock != null) {
            throw Errors.validation("TestState does not support RevealSecrets when a mock is specified.");
        }
        StateTest.Mock mocked = null;
        if (mock != null) {
            mocked = mock(mockResult, mockFailure, mockError, mockCause);
        }
        JsonNode in = input(input);
        Map<String, JsonNode> vars = variables(variables);
        ObjectNode contextObject = context == null ? null : contextObject(context);

        StateTest.Request request = new StateTest.Request(definition, stateName, in, vars, contextObject, mocked,
                settings, info(roleArn), config.clock().instant());
        StateTest test = switch (StateTest.prepare(request, interpreter)) {
            case StateTest.Prepared.Rejected x -> throw rejected(x.rejection());
            case StateTest.Prepared.Ready ready -> ready.test();
        };
        if (mocked instanceof StateTest.Mock.Result m && !"NONE".equals(validationMode)) {
            MockValidation.check(test.testedResource(), m.value(), !"PRESENT".equals(validationMode));
        }
        long deadline = System.nanoTime() + MAX_RUN.toNanos();
        while (!test.done()) {
            run(test, test.pendingTask(), deadline);
        }
        if (test.rejection() != null) {
            throw rejected(test.rejection());
        }
        return response(test.result(), level == null ? "INFO" : level);
    }

    /** A task without a mock: its processing node runs it, as for an execution; the test waits for the outcome. */
    private void run(StateTest test, TaskRequest task, long deadline) throws InterruptedException {
        ProcessingNode node = nodes.stream().filter(n -> n.handles(task.resource())).findFirst().orElse(null);
        if (node == null) {
            test.taskFailed(ErrorNames.TASK_FAILED, "No processing node runs the resource '" + task.resource()
                    + "'. Register a handler for it, or mock its result.");
            return;
        }
        CompletableFuture<Runnable> outcome = new CompletableFuture<>();
        TaskCallback callback = new TaskCallback() {
            @Override
            public void started(String workerName) {}

            @Override
            public void submitted(JsonNode response) {}

            @Override
            public void succeeded(JsonNode output) {
                outcome.complete(() -> test.taskSucceeded(output));
            }

            @Override
            public void failed(String error, String cause) {
                outcome.complete(() -> test.taskFailed(error, cause));
            }

            @Override
            public void heartbeat() {}
        };
        try {
            node.start(task, callback);
        } catch (RuntimeException e) {
            callback.failed(ErrorNames.TASK_FAILED, "The processing node failed to start the task: " + e);
        }
        long wait = deadline - System.nanoTime();
        if (task.timeoutSeconds() != null) {
            wait = Math.min(wait, TimeUnit.SECONDS.toNanos(task.timeoutSeconds()));
        }
        try {
            outcome.get(Math.max(0, wait), TimeUnit.NANOSECONDS).run();
        } catch (TimeoutException e) {
            node.cancel(task.taskToken());
            test.timeUp();
        } catch (ExecutionException e) {
            throw new IllegalStateException("A task outcome never fails", e);
        }
    }

    private static StateTest.Mock mock(String result, boolean failure, String error, String cause) {
        if (result != null && failure) {
            throw Errors.validation("A mock may specify a result or an errorOutput, but not both.");
        }
        if (failure) {
            if (error == null) {
                throw Errors.validation("The error field is required if mock.errorOutput is specified.");
            }
            return new StateTest.Mock.Failure(error, cause);
        }
        if (result == null) {
            throw Errors.validation("A mock must specify a result or an errorOutput.");
        }
        try {
            JsonNode value = Json.parse(result);
            if (value == null || value.isMissingNode()) {
                throw Errors.validation("Mocked result must be valid JSON.");
            }
            return new StateTest.Mock.Result(value);
        } catch (JsonProcessingException e) {
            throw Errors.validation("Mocked result must be valid JSON.");
        }
    }

    private static JsonNode input(String text) {
        if (text == null) {
            return Json.object();
        }
        return Executions.parseJson(text);
    }

    private static Map<String, JsonNode> variables(String text) {
        if (text == null) {
            return Map.of();
        }
        JsonNode n;
        try {
            n = Json.parse(text);
        } catch (JsonProcessingException e) {
            n = null;
        }
        if (!(n instanceof ObjectNode o)) {
            throw Errors.validation("Expected the variables to be a JSON object literal, but got: " + text);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        o.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static ObjectNode contextObject(String text) {
        try {
            if (Json.parse(text) instanceof ObjectNode o) {
                return o;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw Errors.validation("Invalid Context object provided: the Context object must be a JSON object");
    }

    private static JsonNode jsonOrText(String text) {
        try {
            JsonNode n = Json.parse(text);
            return n == null || n.isMissingNode() ? Json.NODES.textNode(text) : n;
        } catch (JsonProcessingException e) {
            return Json.NODES.textNode(text);
        }
    }

    /** The one-off EXPRESS execution a test runs as, with fresh names, as AWS's Context object shows it. */
    private ExecutionInfo info(String roleArn) {
        String machine = UUID.randomUUID().toString();
        String name = UUID.randomUUID().toString();
        String prefix = "arn:aws:states:" + config.region() + ":" + config.accountId() + ":";
        String role = roleArn != null ? roleArn : "arn:aws:iam::" + config.accountId() + ":role/TestState";
        return new ExecutionInfo(prefix + "express:" + machine + ":" + name, name, prefix + "stateMachine:" + machine,
                machine, role, true, true, null, null);
    }

    private static ApiException rejected(StateTest.Rejection r) {
        return switch (r.kind()) {
            case INVALID_DEFINITION -> Errors.invalidDefinition(r.message());
            case VALIDATION -> Errors.validation(r.message());
        };
    }

    private static ObjectNode response(StateTest.Result result, String level) {
        ObjectNode out = Json.object();
        if (result.output() != null) {
            out.put("output", Json.write(result.output()));
        }
        if (result.error() != null) {
            out.put("error", result.error());
        }
        if (result.cause() != null) {
            out.put("cause", result.cause());
        }
        if (!level.equals("INFO")) {
            out.set("inspectionData", inspection(result.inspection()));
        }
        if (result.nextState() != null) {
            out.put("nextState", result.nextState());
        }
        out.put("status", result.status().name());
        return out;
    }

    private static ObjectNode inspection(StateTest.Inspection i) {
        ObjectNode o = Json.object();
        i.data().forEach((field, value) -> o.put(field, Json.write(value)));
        if (i.maxConcurrency() != null) {
            o.put("maxConcurrency", i.maxConcurrency());
        }
        if (i.toleratedFailureCount() != null) {
            o.put("toleratedFailureCount", i.toleratedFailureCount());
        }
        if (i.toleratedFailurePercentage() != null) {
            o.put("toleratedFailurePercentage", i.toleratedFailurePercentage());
        }
        if (i.catchIndex() != null || i.retryIndex() != null || i.retryBackoffIntervalSeconds() != null) {
            ObjectNode e = o.putObject("errorDetails");
            if (i.catchIndex() != null) {
                e.put("catchIndex", i.catchIndex());
            }
            if (i.retryIndex() != null) {
                e.put("retryIndex", i.retryIndex());
            }
            if (i.retryBackoffIntervalSeconds() != null) {
                e.put("retryBackoffIntervalSeconds", i.retryBackoffIntervalSeconds());
            }
        }
        return o;
    }
}
