package io.conflux.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.triggers.TriggerStore.FireRow;
import io.conflux.triggers.TriggerStore.ScheduleRow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The schedules' definitions: create, update, delete, describe, list. A change plans the next run: it keeps the one
 * planned when the timing did not change, and otherwise plans afresh from now (a re-enabled schedule does not catch up
 * on the runs it missed while disabled; a rate keeps its phase).
 */
final class Schedules {
    private static final int NEXT_TIMES = 5;
    private static final int LAST_FIRES = 10;

    private final TriggerStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    Schedules(TriggerStore store, Scheduler scheduler, Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    ScheduleDefinition parse(String name, JsonNode def) {
        return scheduler.parse(name, def);
    }

    /** Creates or replaces a schedule. @return created, updated or unchanged */
    String put(String name, JsonNode def, boolean mustBeNew) {
        ScheduleDefinition d = parse(name, def);
        String text = Json.write(def);
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            Optional<ScheduleRow> existing = store.schedule(name);
            if (existing.isEmpty()) {
                String revision = UUID.randomUUID().toString();
                Instant next = d.firstAtOrAfter(now, null).orElse(null);
                ScheduleRow row = new ScheduleRow(name, revision, text, d.enabled(), next,
                        next == null ? null : d.due(next, revision), 1, now, now);
                if (store.insertSchedule(row)) {
                    return "created";
                }
                continue;
            }
            if (mustBeNew) {
                throw new Triggers.ConflictException("Expected a new schedule name, but a schedule named " + name
                        + " exists");
            }
            ScheduleRow old = existing.get();
            if (old.definition().equals(text)) {
                return "unchanged";
            }
            ScheduleDefinition before = scheduler.definition(old);
            boolean keep = before.enabled() && d.enabled() && before.sameTiming(d);
            Instant next = keep ? old.nextScheduled() : d.firstAtOrAfter(now, old.nextScheduled()).orElse(null);
            Instant due = next == null ? null : d.due(next, old.revision());
            ScheduleRow row = new ScheduleRow(name, old.revision(), text, d.enabled(), next, due, old.version(),
                    old.created(), now);
            if (store.updateSchedule(row, old.version())) {
                return "updated";
            }
        }
        throw new Triggers.ConflictException("Schedule " + name + " kept changing while it was being updated; try "
                + "again");
    }

    boolean delete(String name) {
        return store.deleteSchedule(name);
    }

    Optional<ScheduleRow> row(String name) {
        return store.schedule(name);
    }

    List<ScheduleRow> rows() {
        return store.schedules();
    }

    /** A schedule as the API shows it; {@code full} adds the definition, the next runs, the last fires, counters. */
    ObjectNode describe(ScheduleRow row, boolean full) {
        ScheduleDefinition d = scheduler.definition(row);
        ObjectNode out = Json.object();
        out.put("name", row.name());
        out.put("arn", scheduler.scheduleArn(row.name()));
        out.put("state", row.enabled() ? "ENABLED" : "DISABLED");
        out.put("expression", d.expression().text());
        out.put("timezone", d.zone().getId());
        out.put("stateMachineArn", d.stateMachineArn());
        if (d.description() != null) {
            out.put("description", d.description());
        }
        out.put("creationDate", row.created().toString());
        out.put("lastModificationDate", row.updated().toString());
        if (row.enabled() && row.nextScheduled() != null) {
            out.put("nextRun", row.nextScheduled().toString());
            out.put("nextFire", row.nextDue().toString());
        }
        List<FireRow> last = store.fires(row.name(), full ? LAST_FIRES : 1);
        if (!last.isEmpty()) {
            out.set("lastFire", fire(last.get(0)));
        }
        if (full) {
            out.set("definition", Jsons.parse(row.definition()));
            ArrayNode times = out.putArray("nextRuns");
            if (row.enabled()) {
                Optional<Instant> t = Optional.ofNullable(row.nextScheduled());
                for (int i = 0; i < NEXT_TIMES && t.isPresent(); i++) {
                    times.add(t.get().toString());
                    t = d.next(t.get());
                }
            }
            ObjectNode counters = out.putObject("counters");
            store.fireCounts(row.name()).forEach(counters::put);
            ArrayNode fires = out.putArray("lastFires");
            last.forEach(f -> fires.add(fire(f)));
        }
        return out;
    }

    ArrayNode fires(String name, int limit) {
        ArrayNode out = Json.array();
        store.fires(name, limit).forEach(f -> out.add(fire(f)));
        return out;
    }

    static ObjectNode fire(FireRow f) {
        ObjectNode o = Json.object();
        o.put("id", f.id());
        o.put("scheduledTime", f.scheduled().toString());
        o.put("status", f.status().name());
        if (f.executionName() != null) {
            o.put("executionName", f.executionName());
        }
        if (f.executionArn() != null) {
            o.put("executionArn", f.executionArn());
        }
        if (f.reason() != null) {
            o.put("reason", f.reason());
        }
        if (f.missed() > 0) {
            o.put("missedRuns", f.missed());
        }
        if (f.node() != null) {
            o.put("node", f.node());
        }
        o.put("claimedAt", f.claimedAt().toString());
        if (f.finishedAt() != null) {
            o.put("finishedAt", f.finishedAt().toString());
        }
        return o;
    }
}
