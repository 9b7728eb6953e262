package io.conflux.engine.registry;

import java.time.Instant;

/** A published, immutable version of a state machine: {@code STATE_MACHINE_ARN:N}. */
public record VersionRecord(
        String arn,
        String stateMachineArn,
        int version,
        String definition,
        String roleArn,
        String description,
        String revisionId,
        Instant created) {}
