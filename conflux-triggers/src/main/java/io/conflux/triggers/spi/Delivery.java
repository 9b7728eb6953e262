package io.conflux.triggers.spi;

/** What became of a delivered event; every outcome is recorded under {@link #eventId}. */
public sealed interface Delivery {

    /** The record of the event (what the trigger's history lists). */
    long eventId();

    /**
     * An execution started and is durable: settle the event with its source.
     *
     * @param duplicate whether an earlier delivery of the same event had started it already
     */
    record Started(long eventId, String executionArn, boolean duplicate) implements Delivery {}

    /**
     * The event will never start an execution (malformed, matched no filter, its input template failed, or it was
     * dead-lettered before): a queue dead-letters it.
     */
    record Refused(long eventId, String reason) implements Delivery {}

    /** The start failed (the state machine is missing, the input too large …); trying again may succeed. */
    record Failed(long eventId, String reason, int attempts) implements Delivery {}
}
