package io.conflux.server;

import io.conflux.engine.registry.Registry;
import io.conflux.engine.runtime.Engine;
import java.time.Instant;

/** What a running server offers its extensions. */
public interface ServerContext {

    ServerConfig config();

    Engine engine();

    Registry registry();

    /** The URL the server answers on, e.g. {@code http://127.0.0.1:8083}. */
    String endpoint();

    /** An execution started through {@link #startExecution}. */
    record Started(String executionArn, Instant startDate) {}

    /**
     * Starts an execution as StartExecution does: {@code stateMachineArn} may name a state machine, a version or an
     * alias; {@code name} may be null (a UUID is chosen); {@code input} is JSON text. Expected failures (no such state
     * machine, invalid input, a name taken with another input) throw {@link ApiException} with AWS's error type.
     */
    Started startExecution(String stateMachineArn, String name, String input);

    /**
     * Calls an operation of the Step Functions API in process, e.g. {@code call("DescribeStateMachine", input)};
     * failures throw {@link ApiException} as the API would answer them.
     */
    /** A definition with every extension's references resolved ({@link ServerExtension#resolveDefinition}). */
    default String resolveDefinition(String definition) {
        return definition;
    }

    com.fasterxml.jackson.databind.node.ObjectNode call(String operation,
            com.fasterxml.jackson.databind.node.ObjectNode input) throws InterruptedException;
}
