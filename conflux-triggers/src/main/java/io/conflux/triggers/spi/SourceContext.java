package io.conflux.triggers.spi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;

/** What a running source gets from Conflux for one trigger. */
public interface SourceContext {

    String triggerName();

    /** The trigger's definition as written, the kind's settings included. */
    JsonNode settings();

    Clock clock();

    /**
     * Hands one event over: filter, input template, StartExecution, and a record of the outcome. Returns when the
     * outcome is durable; blocks the calling thread meanwhile (a few milliseconds).
     */
    Delivery deliver(SourceEvent event);

    /** Records an event the source could not read (not JSON, say), with why; it is refused. */
    Delivery.Refused malformed(String key, String raw, String reason);

    /**
     * Records that the source settled an event (a queue acked it). Needed for events without a key: a redelivered
     * one is matched with the newest unsettled delivery of the same content.
     */
    void settled(long eventId);

    /** Records that the source dead-lettered an event (after {@link Delivery.Refused}, or too many failed starts). */
    void deadLettered(long eventId, String where, String reason);

    /** The source's own small durable state (a folder's files seen at the start), or null when it saved none. */
    JsonNode state();

    void saveState(JsonNode state);
}
