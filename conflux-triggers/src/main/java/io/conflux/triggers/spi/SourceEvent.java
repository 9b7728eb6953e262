package io.conflux.triggers.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event from a source.
 *
 * @param key what identifies the event at its source (a message id, an object's key and version), or null: events
 *     with the same key start one execution between them, however often they are delivered
 * @param event the event as JSON: what the trigger's filter and input template see
 * @param redelivered whether the source says it may have delivered this event before (AMQP's redelivered flag): an
 *     event without a key is then matched by content with an earlier delivery that was not settled
 */
public record SourceEvent(String key, JsonNode event, boolean redelivered) {}
