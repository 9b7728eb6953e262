package io.conflux.engine.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's records: state machines, their versions and aliases, activities and tags. Implementations
 * are in memory (tests, the CLI) or on the JDBC store (the server). Writes that must not race (publishing the next
 * version number, creating a name that must be unique) are atomic in every implementation.
 *
 * <p>Listings are in ARN order, which is name order within one account and region, and page by the last ARN of the
 * previous page: a page boundary stays valid when that record is deleted in between.
 */
public interface Registry {

    /** Creates; returns the existing record instead when one with the same ARN exists. */
    StateMachineRecord createStateMachine(StateMachineRecord record);

    Optional<StateMachineRecord> stateMachine(String arn);

    /** Replaces the record with the same ARN; returns false when there is none (deleted in the meantime). */
    boolean updateStateMachine(StateMachineRecord record);

    /** Deletes a state machine with its versions, aliases and tags. */
    boolean deleteStateMachine(String arn);

    /** State machines in ARN order, those after {@code afterArn} (null for the first page), at most {@code limit}. */
    List<StateMachineRecord> stateMachines(String afterArn, int limit);

    /**
     * Publishes the next version number of a state machine atomically. Idempotent: when the newest version was
     * published from the same {@code revisionId} (null included), returns that version instead. Numbers are never
     * reused, not even after a version is deleted.
     *
     * @return empty when the state machine does not exist
     */
    Optional<VersionRecord> publishVersion(String stateMachineArn, String definition, String roleArn,
            String description, String revisionId, Instant created);

    Optional<VersionRecord> version(String versionArn);

    /** Versions of a state machine, newest first. */
    List<VersionRecord> versions(String stateMachineArn);

    boolean deleteVersion(String versionArn);

    /** Creates; returns the existing alias instead when one with the same ARN exists. */
    AliasRecord createAlias(AliasRecord alias);

    Optional<AliasRecord> alias(String aliasArn);

    /** Replaces the alias with the same ARN; returns false when there is none. */
    boolean updateAlias(AliasRecord alias);

    boolean deleteAlias(String aliasArn);

    /** Aliases of a state machine in ARN order. */
    List<AliasRecord> aliases(String stateMachineArn);

    /** Creates; returns the existing activity instead when one with the same ARN exists. */
    ActivityRecord createActivity(ActivityRecord activity);

    Optional<ActivityRecord> activity(String arn);

    /** Deletes an activity with its tags. */
    boolean deleteActivity(String arn);

    /** Activities in ARN order, those after {@code afterArn} (null for the first page), at most {@code limit}. */
    List<ActivityRecord> activities(String afterArn, int limit);

    /** The tags of a resource; empty when it has none. */
    Map<String, String> tags(String resourceArn);

    /** Adds or overwrites tags. */
    void tag(String resourceArn, Map<String, String> tags);

    void untag(String resourceArn, List<String> keys);
}
