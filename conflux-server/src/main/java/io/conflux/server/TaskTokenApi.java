package io.conflux.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.interpreter.Tokens;
import io.conflux.engine.runtime.Engine;
import java.util.Map;

/**
 * SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: the answers of activity workers and of callbacks
 * ({@code .waitForTaskToken}), whatever the resource.
 */
final class TaskTokenApi {
    private final Executions executions;
    private final TimedOutTokens timedOut;
    private final int maxPayloadBytes;

    TaskTokenApi(Executions executions, TimedOutTokens timedOut, ServerConfig config) {
        this.executions = executions;
        this.timedOut = timedOut;
        this.maxPayloadBytes = config.maxPayloadBytes();
    }

    void register(Map<String, Operation> ops) {
        ops.put("SendTaskSuccess", this::sendTaskSuccess);
        ops.put("SendTaskFailure", this::sendTaskFailure);
        ops.put("SendTaskHeartbeat", this::sendTaskHeartbeat);
    }

    private Engine engine() {
        return executions.engine();
    }

    private ObjectNode sendTaskSuccess(Request r) {
        String token = r.requiredString("taskToken", 1, 2048);
        String output = r.sensitiveString("output", maxPayloadBytes);
        r.require("output");
        r.validate();
        JsonNode value;
        try {
            value = Json.parse(output);
        } catch (JsonProcessingException e) {
            throw Errors.invalidOutput(e.getOriginalMessage());
        }
        if (value == null || value.isMissingNode()) {
            throw Errors.invalidOutput("Expected JSON text, but the output is empty");
        }
        return answer(token, engine().sendTaskSuccess(token, value));
    }

    private ObjectNode sendTaskFailure(Request r) {
        String token = r.requiredString("taskToken", 1, 2048);
        String error = r.sensitiveString("error", 256);
        String cause = r.sensitiveString("cause", 32768);
        r.validate();
        return answer(token, engine().sendTaskFailure(token, error, cause));
    }

    private ObjectNode sendTaskHeartbeat(Request r) {
        String token = r.requiredString("taskToken", 1, 2048);
        r.validate();
        return answer(token, engine().sendTaskHeartbeat(token));
    }

    /**
     * AWS's answer to a token: InvalidToken for text that is no token of this server; TaskTimedOut for the task of
     * a token that timed out; TaskDoesNotExist for one that is no longer pending otherwise (answered already, or its
     * execution ended).
     */
    private ObjectNode answer(String token, Engine.TokenCheck check) {
        return switch (check) {
            case ACCEPTED -> Json.object();
            case NOT_PENDING -> throw gone(token);
            case INVALID -> {
                // The engine knows the tokens of running executions only; a token of one that has ended is gone.
                String arn = Tokens.executionArn(token);
                if (arn != null && engine().describe(arn).isPresent()) {
                    throw gone(token);
                }
                throw Errors.invalidToken("Invalid token");
            }
        };
    }

    private ApiException gone(String token) {
        return timedOut.contains(token) ? Errors.taskTimedOut() : Errors.taskDoesNotExist();
    }
}
