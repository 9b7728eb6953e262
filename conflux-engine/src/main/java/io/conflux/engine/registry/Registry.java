package io.conflux.engine.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's records: state machines, their versions and aliases, activities and tags. Implementations
 * are in memory (tests, the CLI) or on the JDBC store (the server). Writes that must not race (publishing the next
 * version number, creating a name that must be unique) are atomic in every implementation.
 */
public interface Registry {

    /** Creates; returns the existing record instead when one with the same ARN exists. */
    StateMachineRecord createStateMachine(StateMachineRecord record);

    Optional<StateMachineRecord> stateMachine(String arn);

    void updateStateMachine(StateMachineRecord record);

    /** Deletes a state machine with its versions, aliases and tags. */
    boolean deleteStateMachine(String arn);

    /** State machines in name order, from the one after {@code afterArn} (null for the first page). */
    List<StateMachineRecord> stateMachines(String afterArn, int limit);

    /** Publishes the next version number of a state machine atomically. */
    VersionRecord publishVersion(String stateMachineArn, String definition, String roleArn, String description,
            String revisionId, java.time.Instant created);

    Optional<VersionRecord> version(String versionArn);

    /** Versions of a state machine, newest first. */
    List<VersionRecord> versions(String stateMachineArn);

    boolean deleteVersion(String versionArn);

    AliasRecord createAlias(AliasRecord alias);

    Optional<AliasRecord> alias(String aliasArn);

    void updateAlias(AliasRecord alias);

    boolean deleteAlias(String aliasArn);

    List<AliasRecord> aliases(String stateMachineArn);

    ActivityRecord createActivity(ActivityRecord activity);

    Optional<ActivityRecord> activity(String arn);

    boolean deleteActivity(String arn);

    List<ActivityRecord> activities();

    Map<String, String> tags(String resourceArn);

    void tag(String resourceArn, Map<String, String> tags);

    void untag(String resourceArn, List<String> keys);
}
