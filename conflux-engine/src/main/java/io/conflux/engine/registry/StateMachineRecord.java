package io.conflux.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A state machine as CreateStateMachine/UpdateStateMachine left it: its latest revision. Published versions are
 * {@link VersionRecord}s.
 *
 * @param type {@code STANDARD} or {@code EXPRESS}
 * @param definition the definition text exactly as given (AWS returns it byte for byte)
 * @param loggingConfiguration as given, or null
 * @param tracingConfiguration as given, or null
 * @param revisionId changes with every update
 */
public record StateMachineRecord(
        String arn,
        String name,
        String type,
        String definition,
        String roleArn,
        String description,
        JsonNode loggingConfiguration,
        JsonNode tracingConfiguration,
        String revisionId,
        Instant created,
        Instant updated) {}
