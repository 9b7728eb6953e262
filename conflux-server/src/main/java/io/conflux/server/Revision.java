package io.conflux.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.model.StateMachine;
import java.time.Instant;

/**
 * One runnable revision of a state machine (its latest revision, or a published version), compiled once. Executions
 * keep the revision they started with: DescribeStateMachineForExecution shows it even after updates.
 *
 * @param stateMachineArn the unqualified state machine ARN
 * @param versionArn the version's ARN, or null for the latest revision
 * @param revisionId null until the state machine is first updated, as AWS shows it
 * @param updated when this revision was made (the state machine's update or creation date)
 */
record Revision(
        String stateMachineArn,
        String versionArn,
        String name,
        String type,
        String definition,
        String roleArn,
        String revisionId,
        Instant updated,
        JsonNode loggingConfiguration,
        JsonNode tracingConfiguration,
        StateMachine machine) {

    boolean express() {
        return "EXPRESS".equals(type);
    }
}
