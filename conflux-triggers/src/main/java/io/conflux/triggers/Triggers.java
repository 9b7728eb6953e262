package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.ServerContext;
import io.conflux.triggers.TriggerStore.EventRow;
import io.conflux.triggers.TriggerStore.TriggerRow;
import io.conflux.triggers.spi.Delivery;
import io.conflux.triggers.spi.SourceContext;
import io.conflux.triggers.spi.SourceEvent;
import io.conflux.triggers.spi.TriggerKind;
import io.conflux.triggers.spi.TriggerSource;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triggers: their definitions (create, update, delete, describe, list) and, on this node, a running source for
 * each enabled one. {@link #reconcile} brings the running sources in line with the stored definitions; it runs after
 * every change made here and at every tick, so a change made on another node arrives within a tick.
 */
final class Triggers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Triggers.class);
    private static final int LAST_EVENTS = 10;

    /** One trigger running on this node. */
    record Running(TriggerRow row, TriggerDefinition definition, TriggerKind kind, TriggerSource source) {}

    private final TriggerStore store;
    private final Dispatcher dispatcher;
    private final Map<String, TriggerKind> kinds;
    private final Clock clock;
    private final String region;
    private final String account;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, TriggerDefinition> compiled = new ConcurrentHashMap<>();
    private volatile ServerContext server;
    private volatile boolean closed;

    Triggers(TriggerStore store, Dispatcher dispatcher, Map<String, TriggerKind> kinds, Clock clock, String region,
            String account) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.kinds = Map.copyOf(kinds);
        this.clock = clock;
        this.region = region;
        this.account = account;
    }

    void bind(ServerContext server) {
        this.server = server;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    Map<String, TriggerKind> kinds() {
        return kinds;
    }

    TriggerDefinition parse(String name, JsonNode def) {
        return TriggerDefinition.parse(name, def, kinds, region, account);
    }

    private TriggerDefinition definition(TriggerRow row) {
        return compiled.computeIfAbsent(row.name() + "\n" + row.definition(),
                k -> parse(row.name(), Jsons.parse(row.definition())));
    }

    /** The trigger running here under that name (enabled), if any. */
    Optional<Running> running(String name) {
        return Optional.ofNullable(running.get(name));
    }

    Optional<TriggerRow> row(String name) {
        return store.trigger(name);
    }

    // ---- definitions --------------------------------------------------------------------------------------------

    /** Creates or replaces a trigger. @return created, updated or unchanged */
    String put(String name, JsonNode def, boolean mustBeNew) {
        TriggerDefinition d = parse(name, def);
        String text = Json.write(def);
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<TriggerRow> existing = store.trigger(name);
            if (existing.isEmpty()) {
                TriggerRow row = new TriggerRow(name, UUID.randomUUID().toString(), d.type(), text, d.enabled(), 1,
                        now, now);
                if (store.insertTrigger(row)) {
                    reconcile();
                    return "created";
                }
                continue;
            }
            if (mustBeNew) {
                throw new ConflictException("Expected a new trigger name, but a trigger named " + name + " exists");
            }
            TriggerRow old = existing.get();
            if (old.definition().equals(text)) {
                return "unchanged";
            }
            TriggerRow row = new TriggerRow(name, old.revision(), d.type(), text, d.enabled(), old.version(),
                    old.created(), now);
            if (store.updateTrigger(row, old.version())) {
                reconcile();
                return "updated";
            }
        }
        throw new ConflictException("Trigger " + name + " kept changing while it was being updated; try again");
    }

    boolean delete(String name) {
        boolean deleted = store.deleteTrigger(name);
        reconcile();
        return deleted;
    }

    List<TriggerRow> rows() {
        return store.triggers();
    }

    ObjectNode describe(TriggerRow row, boolean full) {
        ObjectNode out = Json.object();
        out.put("name", row.name());
        out.put("type", row.type());
        out.put("state", row.enabled() ? "ENABLED" : "DISABLED");
        TriggerDefinition d = definition(row);
        out.put("stateMachineArn", d.stateMachineArn());
        if (d.description() != null) {
            out.put("description", d.description());
        }
        out.put("running", running.containsKey(row.name()));
        out.put("creationDate", row.created().toString());
        out.put("lastModificationDate", row.updated().toString());
        List<EventRow> last = store.events(row.name(), full ? LAST_EVENTS : 1);
        if (!last.isEmpty()) {
            out.set("lastEvent", event(last.get(0)));
        }
        if (full) {
            out.set("definition", Jsons.parse(row.definition()));
            ObjectNode counters = out.putObject("counters");
            store.eventCounts(row.name()).forEach(counters::put);
            ArrayNode events = out.putArray("lastEvents");
            last.forEach(e -> events.add(event(e)));
        }
        return out;
    }

    ArrayNode events(String name, int limit) {
        ArrayNode out = Json.array();
        store.events(name, limit).forEach(e -> out.add(event(e)));
        return out;
    }

    static ObjectNode event(EventRow e) {
        ObjectNode o = Json.object();
        o.put("id", e.id());
        if (e.key() != null) {
            o.put("key", e.key());
        }
        o.put("status", e.status().name());
        o.put("receivedAt", e.receivedAt().toString());
        o.put("updatedAt", e.updatedAt().toString());
        o.put("executionName", e.executionName());
        if (e.executionArn() != null) {
            o.put("executionArn", e.executionArn());
        }
        if (e.reason() != null) {
            o.put("reason", e.reason());
        }
        o.put("attempts", e.attempts());
        o.put("deliveries", e.deliveries());
        o.put("event", e.event());
        return o;
    }

    // ---- running sources ----------------------------------------------------------------------------------------

    /** Opens sources for enabled triggers that have none here, and closes those of changed or removed ones. */
    synchronized void reconcile() {
        if (closed || server == null) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (TriggerRow row : store.triggers()) {
            if (!row.enabled()) {
                continue;
            }
            wanted.add(row.name());
            Running r = running.get(row.name());
            if (r != null && r.row().version() == row.version() && r.row().revision().equals(row.revision())) {
                continue;
            }
            if (r != null) {
                stop(r);
            }
            open(row);
        }
        for (Running r : List.copyOf(running.values())) {
            if (!wanted.contains(r.row().name())) {
                stop(r);
            }
        }
    }

    private void open(TriggerRow row) {
        TriggerDefinition d;
        try {
            d = definition(row);
        } catch (DefinitionException e) {
            LOG.error("Trigger {} has a definition this server cannot use: {}", row.name(), e.getMessage());
            return;
        }
        TriggerKind kind = kinds.get(d.type());
        Context ctx = new Context(row, d, kind);
        try {
            TriggerSource source = kind.open(ctx);
            running.put(row.name(), new Running(row, d, kind, source));
        } catch (Exception e) {
            // A broker that is down, a folder that is missing: try again at the next reconcile.
            LOG.warn("Trigger {} could not start its {} source (trying again shortly): {}", row.name(), d.type(),
                    e.toString());
        }
    }

    private void stop(Running r) {
        running.remove(r.row().name(), r);
        try {
            r.source().close();
        } catch (RuntimeException e) {
            LOG.warn("Trigger {} did not close cleanly", r.row().name(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Running r : List.copyOf(running.values())) {
            stop(r);
        }
    }

    /** What a source of one trigger sees. */
    private final class Context implements SourceContext {
        private final TriggerRow row;
        private final TriggerDefinition definition;
        private final TriggerKind kind;

        Context(TriggerRow row, TriggerDefinition definition, TriggerKind kind) {
            this.row = row;
            this.definition = definition;
            this.kind = kind;
        }

        @Override
        public String triggerName() {
            return row.name();
        }

        @Override
        public JsonNode settings() {
            return definition.source();
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public Delivery deliver(SourceEvent event) {
            try {
                return dispatcher.deliver(row, definition, event, null, !kind.settlesLater(), false).delivery();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while delivering an event of " + row.name(), e);
            }
        }

        @Override
        public Delivery.Refused malformed(String key, String raw, String reason) {
            return dispatcher.malformed(row, key, raw, reason);
        }

        @Override
        public void settled(long eventId) {
            dispatcher.settled(eventId);
        }

        @Override
        public void deadLettered(long eventId, String where, String reason) {
            dispatcher.deadLettered(eventId, where, reason);
        }

        @Override
        public JsonNode state() {
            String s = store.sourceState(row.name(), row.revision());
            return s == null ? null : Jsons.parse(s);
        }

        @Override
        public void saveState(JsonNode state) {
            store.saveSourceState(row.name(), row.revision(), Json.write(state));
        }
    }

    /** A name taken, or a record that kept changing. */
    static final class ConflictException extends RuntimeException {
        ConflictException(String message) {
            super(message, null, false, false);
        }
    }
}
