package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.StatesException;
import io.conflux.server.ApiException;
import io.conflux.server.ServerContext;
import io.conflux.triggers.TriggerStore.EventRow;
import io.conflux.triggers.TriggerStore.EventStatus;
import io.conflux.triggers.spi.Delivery;
import io.conflux.triggers.spi.SourceEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one event of a trigger into one execution, and records what happened. The record comes first: an event is
 * stored (under its key, when it has one) before anything starts, and the execution's name derives from that record,
 * so a delivery repeated after a crash (a queue redelivers what was not acked) starts the same execution again, which
 * StartExecution answers idempotently, instead of a second one.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** How much of an event its record keeps (the execution has it all). */
    private static final int RECORDED_EVENT_CHARS = 8 * 1024;

    /** The outcome, and for a synchronous start the StartSyncExecution output. */
    record Result(Delivery delivery, ObjectNode syncOutput) {}

    private final TriggerStore store;
    private final Clock clock;
    private volatile ServerContext server;

    Dispatcher(TriggerStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void bind(ServerContext server) {
        this.server = server;
    }

    /**
     * Delivers one event.
     *
     * @param defaultInput the input when the trigger has no template (null: the event itself)
     * @param settled whether the source needs no further word (everything but queues)
     * @param sync start with StartSyncExecution and wait for the end (HTTP triggers of Express workflows)
     */
    Result deliver(TriggerStore.TriggerRow row, TriggerDefinition t, SourceEvent e, JsonNode defaultInput,
            boolean settled, boolean sync) throws InterruptedException {
        Instant now = clock.instant();
        String eventText = Json.write(e.event());
        String hash = Targets.sha256(eventText);
        String key = e.key() == null ? null : e.key().length() <= 200 ? e.key() : "sha256:" + Targets.sha256(e.key());
        EventRow event = null;
        boolean fresh = true;
        if (key == null && e.redelivered()) {
            Optional<EventRow> before = store.unsettledByContent(row.revision(), hash);
            if (before.isPresent()) {
                event = store.redelivered(before.get(), now);
                fresh = false;
            }
        }
        if (event == null) {
            String recorded = eventText.length() > RECORDED_EVENT_CHARS
                    ? eventText.substring(0, RECORDED_EVENT_CHARS) : eventText;
            Map.Entry<EventRow, Boolean> r = store.receive(t.name(), row.revision(), key, hash, recorded,
                    id -> Targets.executionName(t.name(), key == null ? "e" + id
                            : Targets.sha256(row.revision() + "\n" + key).substring(0, 32)),
                    settled, now);
            event = r.getKey();
            fresh = r.getValue();
        }
        if (!fresh) {
            switch (event.status()) {
                case STARTED -> {
                    return new Result(new Delivery.Started(event.id(), event.executionArn(), true), null);
                }
                case NO_MATCH, REFUSED, DEAD_LETTERED -> {
                    return new Result(new Delivery.Refused(event.id(), event.reason()), null);
                }
                case RECEIVED, FAILED -> {
                    // an earlier delivery did not get to start it (or failed to): try again, under the same name
                }
            }
        }
        if (t.filter() != null && !t.filter().matches(e.event())) {
            String reason = "The event matches no filter of trigger " + t.name() + " (filter " + t.filter() + ")";
            store.recordEvent(event.id(), EventStatus.NO_MATCH, null, reason, false, now);
            return new Result(new Delivery.Refused(event.id(), reason), null);
        }
        JsonNode input;
        try {
            input = t.template() == null ? (defaultInput != null ? defaultInput : e.event())
                    : t.template().apply(e.event(), context(t, event, key));
        } catch (StatesException ex) {
            String reason = "The input template failed: " + ex.error() + ": " + ex.cause();
            store.recordEvent(event.id(), EventStatus.REFUSED, null, reason, false, now);
            return new Result(new Delivery.Refused(event.id(), reason), null);
        }
        return start(t, event, Json.write(input), sync);
    }

    private Result start(TriggerDefinition t, EventRow event, String input, boolean sync)
            throws InterruptedException {
        ServerContext s = server;
        int attempts = event.attempts() + 1;
        if (s == null) {
            String reason = "The server is still starting; try again";
            store.recordEvent(event.id(), EventStatus.FAILED, null, reason, true, clock.instant());
            return new Result(new Delivery.Failed(event.id(), reason, attempts), null);
        }
        try {
            if (sync) {
                ObjectNode out = s.call("StartSyncExecution", Json.object().put("stateMachineArn", t.stateMachineArn())
                        .put("name", event.executionName()).put("input", input));
                String arn = out.path("executionArn").asText();
                store.recordEvent(event.id(), EventStatus.STARTED, arn, null, true, clock.instant());
                return new Result(new Delivery.Started(event.id(), arn, false), out);
            }
            String arn = s.startExecution(t.stateMachineArn(), event.executionName(), input).executionArn();
            store.recordEvent(event.id(), EventStatus.STARTED, arn, null, true, clock.instant());
            return new Result(new Delivery.Started(event.id(), arn, false), null);
        } catch (ApiException ex) {
            if (ex.type().equals("ExecutionAlreadyExists")) {
                // Our name, so an earlier attempt started it (and it has ended, or runs with another input).
                String arn = Targets.executionArn(t.stateMachineArn(), event.executionName());
                store.recordEvent(event.id(), EventStatus.STARTED, arn, "started by an earlier delivery", true,
                        clock.instant());
                return new Result(new Delivery.Started(event.id(), arn, true), null);
            }
            String reason = "StartExecution of " + t.stateMachineArn() + " failed: " + ex.type() + ": "
                    + ex.getMessage();
            store.recordEvent(event.id(), EventStatus.FAILED, null, reason, true, clock.instant());
            return new Result(new Delivery.Failed(event.id(), reason, attempts), null);
        } catch (RuntimeException ex) {
            LOG.warn("Trigger {} could not start an execution for event {}", t.name(), event.id(), ex);
            String reason = "StartExecution of " + t.stateMachineArn() + " failed: " + ex;
            store.recordEvent(event.id(), EventStatus.FAILED, null, reason, true, clock.instant());
            return new Result(new Delivery.Failed(event.id(), reason, attempts), null);
        }
    }

    /** {@code $$} in an input template: the trigger and the event's record. */
    private static JsonNode context(TriggerDefinition t, EventRow event, String key) {
        ObjectNode c = Json.object();
        c.putObject("Trigger").put("Name", t.name()).put("Type", t.type());
        ObjectNode e = c.putObject("Event");
        e.put("Id", event.id());
        if (key != null) {
            e.put("Key", key);
        }
        e.put("ReceivedTime", event.receivedAt().toString());
        e.put("ExecutionName", event.executionName());
        return c;
    }

    /** Records an event its source could not read. */
    Delivery.Refused malformed(TriggerStore.TriggerRow row, String key, String raw, String reason) {
        Instant now = clock.instant();
        String text = raw == null ? "" : raw.length() > RECORDED_EVENT_CHARS ? raw.substring(0, RECORDED_EVENT_CHARS)
                : raw;
        String k = key == null ? null : key.length() <= 200 ? key : "sha256:" + Targets.sha256(key);
        Map.Entry<EventRow, Boolean> r = store.receive(row.name(), row.revision(), k, Targets.sha256(text), text,
                id -> Targets.executionName(row.name(), "e" + id), true, now);
        if (r.getValue() || r.getKey().status() == EventStatus.RECEIVED) {
            store.recordEvent(r.getKey().id(), EventStatus.REFUSED, null, "Malformed event: " + reason, false, now);
        }
        return new Delivery.Refused(r.getKey().id(), "Malformed event: " + reason);
    }

    void deadLettered(long eventId, String where, String reason) {
        store.recordEvent(eventId, EventStatus.DEAD_LETTERED, null, reason + " (dead-lettered to " + where + ")",
                false, clock.instant());
        store.settle(eventId, clock.instant());
    }

    void settled(long eventId) {
        store.settle(eventId, clock.instant());
    }
}
