package io.conflux.engine.registry;

import java.time.Instant;
import java.util.List;

/**
 * An alias, {@code STATE_MACHINE_ARN:NAME}, routing executions to one or two versions by weight.
 *
 * @param routing one or two versions whose weights add up to 100
 */
public record AliasRecord(
        String arn,
        String stateMachineArn,
        String name,
        String description,
        List<Route> routing,
        Instant created,
        Instant updated) {

    public record Route(String versionArn, int weight) {}
}
