package io.conflux.asl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Task: hands its effective input to the processing node named by {@code resource} and waits for the result.
 *
 * @param resource the Resource ARN as written
 * @param credentials the Credentials field, or null
 * @param timeoutSeconds TimeoutSeconds(Path), or null for the default (none)
 * @param heartbeatSeconds HeartbeatSeconds(Path), or null
 */
public record TaskState(
        StateHeader header,
        Io io,
        Transition transition,
        String resource,
        JsonNode credentials,
        ValueSource timeoutSeconds,
        ValueSource heartbeatSeconds,
        List<Retrier> retry,
        List<Catcher> catchers) implements State, Recoverable {}
