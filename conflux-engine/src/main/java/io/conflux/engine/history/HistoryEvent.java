package io.conflux.engine.history;

import java.time.Instant;

/**
 * One event of an execution's history, numbered as AWS numbers them: ids from 1 without gaps, and
 * previousEventId naming the event this one follows from (0 for none).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, EventType type, EventDetails details) {}
