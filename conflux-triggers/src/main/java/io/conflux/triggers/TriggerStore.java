package io.conflux.triggers;

import io.conflux.store.jdbc.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules, their fires, triggers and their events, on plain JDBC (H2 or PostgreSQL alike). Writes that must not race
 * between nodes are guarded: a schedule's next run moves on only from the version read ({@link #claim}), a fire is
 * unique per schedule revision and scheduled time, an event per trigger revision and key.
 */
final class TriggerStore {

    /** A schedule as stored. Times are null when no run is left. */
    record ScheduleRow(String name, String revision, String definition, boolean enabled, Instant nextScheduled,
            Instant nextDue, long version, Instant created, Instant updated) {}

    enum FireStatus {
        CLAIMED,
        STARTED,
        FAILED,
        SKIPPED
    }

    record FireRow(long id, String scheduleName, String revision, Instant scheduled, FireStatus status,
            String stateMachineArn, String executionName, String input, String executionArn, String reason,
            int missed, String node, Instant claimedAt, Instant finishedAt) {}

    /** A fire to record with a claim (the id is given by the database). */
    record NewFire(Instant scheduled, FireStatus status, String stateMachineArn, String executionName, String input,
            String reason, int missed) {}

    record TriggerRow(String name, String revision, String type, String definition, boolean enabled, long version,
            Instant created, Instant updated) {}

    enum EventStatus {
        RECEIVED,
        STARTED,
        FAILED,
        NO_MATCH,
        REFUSED,
        DEAD_LETTERED
    }

    record EventRow(long id, String triggerName, String revision, String key, String contentHash, EventStatus status,
            String executionName, String executionArn, String reason, int attempts, int deliveries, boolean settled,
            String event, Instant receivedAt, Instant updatedAt) {}

    private static final String SCHEDULE_COLUMNS = "name, revision, definition, enabled, next_scheduled, next_due, "
            + "version, created, updated";
    private static final String FIRE_COLUMNS = "id, schedule_name, schedule_revision, scheduled, status, "
            + "state_machine_arn, execution_name, input, execution_arn, reason, missed, node, claimed_at, finished_at";
    private static final String TRIGGER_COLUMNS = "name, revision, type, definition, enabled, version, created, "
            + "updated";
    private static final String EVENT_COLUMNS = "id, trigger_name, trigger_revision, event_key, content_hash, status, "
            + "execution_name, execution_arn, reason, attempts, deliveries, settled, event, received_at, updated_at";

    private final Database db;

    TriggerStore(Database db) {
        this.db = db;
    }

    // ---- schedules ----------------------------------------------------------------------------------------------

    /** Creates a schedule; false when one of that name exists. */
    boolean insertSchedule(ScheduleRow s) {
        String sql = "INSERT INTO conflux_schedules (" + SCHEDULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.name());
            ps.setString(2, s.revision());
            ps.setString(3, s.definition());
            ps.setBoolean(4, s.enabled());
            setInstant(ps, 5, s.nextScheduled());
            setInstant(ps, 6, s.nextDue());
            ps.setLong(7, s.version());
            ps.setLong(8, s.created().toEpochMilli());
            ps.setLong(9, s.updated().toEpochMilli());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (duplicate(e)) {
                return false;
            }
            throw fail("create schedule " + s.name(), e);
        }
    }

    /** Replaces a schedule's definition and next run, if its version is still {@code expectedVersion}. */
    boolean updateSchedule(ScheduleRow s, long expectedVersion) {
        String sql = "UPDATE conflux_schedules SET definition = ?, enabled = ?, next_scheduled = ?, next_due = ?, "
                + "version = ?, updated = ? WHERE name = ? AND version = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.definition());
            ps.setBoolean(2, s.enabled());
            setInstant(ps, 3, s.nextScheduled());
            setInstant(ps, 4, s.nextDue());
            ps.setLong(5, expectedVersion + 1);
            ps.setLong(6, s.updated().toEpochMilli());
            ps.setString(7, s.name());
            ps.setLong(8, expectedVersion);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("update schedule " + s.name(), e);
        }
    }

    boolean deleteSchedule(String name) {
        return update("DELETE FROM conflux_schedules WHERE name = ?", name) == 1;
    }

    Optional<ScheduleRow> schedule(String name) {
        List<ScheduleRow> rows = query("SELECT " + SCHEDULE_COLUMNS + " FROM conflux_schedules WHERE name = ?",
                TriggerStore::scheduleRow, name);
        return rows.stream().findFirst();
    }

    List<ScheduleRow> schedules() {
        return query("SELECT " + SCHEDULE_COLUMNS + " FROM conflux_schedules ORDER BY name", TriggerStore::scheduleRow);
    }

    /** Enabled schedules whose next run is due at {@code now}. */
    List<ScheduleRow> due(Instant now) {
        return query("SELECT " + SCHEDULE_COLUMNS + " FROM conflux_schedules WHERE enabled = TRUE AND next_due <= ? "
                + "ORDER BY next_due", TriggerStore::scheduleRow, now.toEpochMilli());
    }

    /** What a claim did. */
    sealed interface Claim {
        /** The schedule moved on and the fires were recorded; their ids, in the order given. */
        record Won(List<Long> fireIds) implements Claim {}

        /** Another node (or an update) moved the schedule first: nothing was written. */
        record Lost() implements Claim {}

        /** The schedule moved on; its run had been recorded before (a schedule set back onto a run it had fired). */
        record AlreadyFired() implements Claim {}
    }

    /**
     * Moves a schedule on from the version read and records its fires, in one transaction: of the nodes that read
     * the same version, exactly one wins. With {@code delete} the schedule is deleted instead (a one-time schedule
     * that deletes itself after it completes).
     */
    Claim claim(ScheduleRow s, Instant nextScheduled, Instant nextDue, boolean delete, List<NewFire> fires,
            String node, Instant now) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                if (!advance(c, s, nextScheduled, nextDue, delete, now)) {
                    c.rollback();
                    return new Claim.Lost();
                }
                List<Long> ids = new ArrayList<>();
                String sql = "INSERT INTO conflux_schedule_fires (schedule_name, schedule_revision, scheduled, status, "
                        + "state_machine_arn, execution_name, input, reason, missed, node, claimed_at, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                    for (NewFire f : fires) {
                        ps.setString(1, s.name());
                        ps.setString(2, s.revision());
                        ps.setLong(3, f.scheduled().toEpochMilli());
                        ps.setString(4, f.status().name());
                        ps.setString(5, f.stateMachineArn());
                        ps.setString(6, f.executionName());
                        ps.setString(7, f.input());
                        ps.setString(8, f.reason());
                        ps.setInt(9, f.missed());
                        ps.setString(10, node);
                        ps.setLong(11, now.toEpochMilli());
                        if (f.status() == FireStatus.CLAIMED) {
                            ps.setNull(12, Types.BIGINT);
                        } else {
                            ps.setLong(12, now.toEpochMilli());
                        }
                        ps.executeUpdate();
                        try (ResultSet keys = ps.getGeneratedKeys()) {
                            keys.next();
                            ids.add(keys.getLong(1));
                        }
                    }
                } catch (SQLException e) {
                    if (!duplicate(e)) {
                        throw e;
                    }
                    // The run was recorded before: move the schedule on without recording it again.
                    c.rollback();
                    if (!advance(c, s, nextScheduled, nextDue, delete, now)) {
                        c.rollback();
                        return new Claim.Lost();
                    }
                    c.commit();
                    return new Claim.AlreadyFired();
                }
                c.commit();
                return new Claim.Won(ids);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("claim a run of schedule " + s.name(), e);
        }
    }

    private static boolean advance(Connection c, ScheduleRow s, Instant nextScheduled, Instant nextDue,
            boolean delete, Instant now) throws SQLException {
        if (delete) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM conflux_schedules WHERE name = ? AND version = ?")) {
                ps.setString(1, s.name());
                ps.setLong(2, s.version());
                return ps.executeUpdate() == 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE conflux_schedules SET next_scheduled = ?, "
                + "next_due = ?, version = version + 1, updated = ? WHERE name = ? AND version = ?")) {
            setInstant(ps, 1, nextScheduled);
            setInstant(ps, 2, nextDue);
            ps.setLong(3, now.toEpochMilli());
            ps.setString(4, s.name());
            ps.setLong(5, s.version());
            return ps.executeUpdate() == 1;
        }
    }

    /** Records how a claimed fire ended. */
    void finishFire(long id, FireStatus status, String executionArn, String reason, Instant now) {
        // a fire that ran late keeps saying so
        String sql = "UPDATE conflux_schedule_fires SET status = ?, execution_arn = ?, reason = COALESCE(?, reason), "
                + "finished_at = ? WHERE id = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status.name());
            ps.setString(2, executionArn);
            ps.setString(3, reason);
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("record fire " + id, e);
        }
    }

    /**
     * Fires claimed but not finished: this node's (after a crash, every one is orphaned) or, with {@code staleBefore},
     * other nodes' claimed before then (their node stopped).
     */
    List<FireRow> unfinishedFires(String node, Instant staleBefore) {
        return query("SELECT " + FIRE_COLUMNS + " FROM conflux_schedule_fires WHERE status = 'CLAIMED' AND (node = ? "
                + "OR claimed_at < ?) ORDER BY id", TriggerStore::fireRow, node, staleBefore.toEpochMilli());
    }

    /** Takes over a claimed fire from the node that claimed it, if nobody else did first. */
    boolean takeOver(FireRow f, String node, Instant now) {
        String sql = "UPDATE conflux_schedule_fires SET node = ?, claimed_at = ? WHERE id = ? AND status = 'CLAIMED' "
                + "AND claimed_at = ? AND node = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, f.id());
            ps.setLong(4, f.claimedAt().toEpochMilli());
            ps.setString(5, f.node());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("take over fire " + f.id(), e);
        }
    }

    /** The newest fires of a schedule (every revision), newest first. */
    List<FireRow> fires(String scheduleName, int limit) {
        return queryLimit("SELECT " + FIRE_COLUMNS + " FROM conflux_schedule_fires WHERE schedule_name = ? ORDER BY "
                + "id DESC", TriggerStore::fireRow, limit, scheduleName);
    }

    /** How many fires of each status a schedule has (SKIPPED counts the runs missed). */
    Map<String, Long> fireCounts(String scheduleName) {
        Map<String, Long> counts = new LinkedHashMap<>();
        query("SELECT status, COUNT(*), SUM(missed) FROM conflux_schedule_fires WHERE schedule_name = ? GROUP BY "
                + "status", rs -> {
                    String status = rs.getString(1);
                    counts.put(status, status.equals("SKIPPED") ? rs.getLong(3) : rs.getLong(2));
                    return null;
                }, scheduleName);
        return counts;
    }

    // ---- triggers -----------------------------------------------------------------------------------------------

    boolean insertTrigger(TriggerRow t) {
        String sql = "INSERT INTO conflux_triggers (" + TRIGGER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.name());
            ps.setString(2, t.revision());
            ps.setString(3, t.type());
            ps.setString(4, t.definition());
            ps.setBoolean(5, t.enabled());
            ps.setLong(6, t.version());
            ps.setLong(7, t.created().toEpochMilli());
            ps.setLong(8, t.updated().toEpochMilli());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (duplicate(e)) {
                return false;
            }
            throw fail("create trigger " + t.name(), e);
        }
    }

    boolean updateTrigger(TriggerRow t, long expectedVersion) {
        String sql = "UPDATE conflux_triggers SET type = ?, definition = ?, enabled = ?, version = ?, updated = ? "
                + "WHERE name = ? AND version = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.type());
            ps.setString(2, t.definition());
            ps.setBoolean(3, t.enabled());
            ps.setLong(4, expectedVersion + 1);
            ps.setLong(5, t.updated().toEpochMilli());
            ps.setString(6, t.name());
            ps.setLong(7, expectedVersion);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("update trigger " + t.name(), e);
        }
    }

    boolean deleteTrigger(String name) {
        return update("DELETE FROM conflux_triggers WHERE name = ?", name) == 1;
    }

    Optional<TriggerRow> trigger(String name) {
        return query("SELECT " + TRIGGER_COLUMNS + " FROM conflux_triggers WHERE name = ?", TriggerStore::triggerRow,
                name).stream().findFirst();
    }

    List<TriggerRow> triggers() {
        return query("SELECT " + TRIGGER_COLUMNS + " FROM conflux_triggers ORDER BY name", TriggerStore::triggerRow);
    }

    String sourceState(String name, String revision) {
        List<String> s = query("SELECT source_state FROM conflux_triggers WHERE name = ? AND revision = ?",
                rs -> rs.getString(1), name, revision);
        return s.isEmpty() ? null : s.get(0);
    }

    void saveSourceState(String name, String revision, String state) {
        update("UPDATE conflux_triggers SET source_state = ? WHERE name = ? AND revision = ?", state, name, revision);
    }

    // ---- trigger events -----------------------------------------------------------------------------------------

    /**
     * Records a new event, or finds the one recorded before under the same key (then its delivery count goes up).
     *
     * @return the event, and whether it is new
     */
    Map.Entry<EventRow, Boolean> receive(String trigger, String revision, String key, String hash, String event,
            java.util.function.LongFunction<String> executionName, boolean settled, Instant now) {
        if (key != null) {
            Optional<EventRow> seen = eventByKey(revision, key);
            if (seen.isPresent()) {
                return Map.entry(redelivered(seen.get(), now), false);
            }
        }
        String sql = "INSERT INTO conflux_trigger_events (trigger_name, trigger_revision, event_key, content_hash, "
                + "status, execution_name, attempts, deliveries, settled, event, received_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'RECEIVED', ?, 0, 1, ?, ?, ?, ?)";
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                long id;
                try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
                    ps.setString(1, trigger);
                    ps.setString(2, revision);
                    ps.setString(3, key);
                    ps.setString(4, hash);
                    // a placeholder until the id is known: names of keyless events derive from it
                    ps.setString(5, "-");
                    ps.setBoolean(6, settled);
                    ps.setString(7, event);
                    ps.setLong(8, now.toEpochMilli());
                    ps.setLong(9, now.toEpochMilli());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                String name = executionName.apply(id);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE conflux_trigger_events SET execution_name = ? WHERE id = ?")) {
                    ps.setString(1, name);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
                c.commit();
                return Map.entry(new EventRow(id, trigger, revision, key, hash, EventStatus.RECEIVED, name, null, null,
                        0, 1, settled, event, now, now), true);
            } catch (SQLException e) {
                c.rollback();
                if (key != null && duplicate(e)) {
                    // another node recorded it a moment ago
                    EventRow seen = eventByKey(revision, key).orElseThrow(() -> fail("find event " + key, e));
                    return Map.entry(redelivered(seen, now), false);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("record an event of trigger " + trigger, e);
        }
    }

    /** Counts one more delivery of a recorded event. */
    EventRow redelivered(EventRow e, Instant now) {
        update("UPDATE conflux_trigger_events SET deliveries = deliveries + 1, updated_at = ? WHERE id = ?",
                now.toEpochMilli(), e.id());
        return e;
    }

    Optional<EventRow> eventByKey(String revision, String key) {
        return query("SELECT " + EVENT_COLUMNS + " FROM conflux_trigger_events WHERE trigger_revision = ? AND "
                + "event_key = ?", TriggerStore::eventRow, revision, key).stream().findFirst();
    }

    /** The newest unsettled event with this content: what a redelivered keyless message was delivered as before. */
    Optional<EventRow> unsettledByContent(String revision, String hash) {
        return queryLimit("SELECT " + EVENT_COLUMNS + " FROM conflux_trigger_events WHERE trigger_revision = ? AND "
                + "content_hash = ? AND settled = FALSE ORDER BY id DESC", TriggerStore::eventRow, 1, revision, hash)
                .stream().findFirst();
    }

    Optional<EventRow> event(long id) {
        return query("SELECT " + EVENT_COLUMNS + " FROM conflux_trigger_events WHERE id = ?", TriggerStore::eventRow,
                id).stream().findFirst();
    }

    /** Records an attempt's outcome; {@code attempted} counts one more start attempt. */
    void recordEvent(long id, EventStatus status, String executionArn, String reason, boolean attempted,
            Instant now) {
        update("UPDATE conflux_trigger_events SET status = ?, execution_arn = ?, reason = ?, attempts = attempts + ?, "
                + "updated_at = ? WHERE id = ?", status.name(), executionArn, reason, attempted ? 1 : 0,
                now.toEpochMilli(), id);
    }

    void settle(long id, Instant now) {
        update("UPDATE conflux_trigger_events SET settled = TRUE, updated_at = ? WHERE id = ?", now.toEpochMilli(), id);
    }

    /** The newest events of a trigger (every revision), newest first. */
    List<EventRow> events(String triggerName, int limit) {
        return queryLimit("SELECT " + EVENT_COLUMNS + " FROM conflux_trigger_events WHERE trigger_name = ? ORDER BY "
                + "id DESC", TriggerStore::eventRow, limit, triggerName);
    }

    Map<String, Long> eventCounts(String triggerName) {
        Map<String, Long> counts = new LinkedHashMap<>();
        query("SELECT status, COUNT(*) FROM conflux_trigger_events WHERE trigger_name = ? GROUP BY status", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
        }, triggerName);
        return counts;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        return queryLimit(sql, row, 0, args);
    }

    private <T> List<T> queryLimit(String sql, Row<T> row, int limit, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            if (limit > 0) {
                ps.setMaxRows(limit);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("query: " + sql, e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw fail("update: " + sql, e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            switch (a) {
                case null -> ps.setNull(i + 1, Types.VARCHAR);
                case String s -> ps.setString(i + 1, s);
                case Long l -> ps.setLong(i + 1, l);
                case Integer n -> ps.setInt(i + 1, n);
                case Boolean b -> ps.setBoolean(i + 1, b);
                default -> throw new IllegalArgumentException("Unexpected parameter type " + a.getClass());
            }
        }
    }

    private static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static ScheduleRow scheduleRow(ResultSet rs) throws SQLException {
        return new ScheduleRow(rs.getString("name"), rs.getString("revision"), rs.getString("definition"),
                rs.getBoolean("enabled"), instant(rs, "next_scheduled"), instant(rs, "next_due"), rs.getLong("version"),
                instant(rs, "created"), instant(rs, "updated"));
    }

    private static FireRow fireRow(ResultSet rs) throws SQLException {
        return new FireRow(rs.getLong("id"), rs.getString("schedule_name"), rs.getString("schedule_revision"),
                instant(rs, "scheduled"), FireStatus.valueOf(rs.getString("status")),
                rs.getString("state_machine_arn"), rs.getString("execution_name"), rs.getString("input"),
                rs.getString("execution_arn"), rs.getString("reason"), rs.getInt("missed"), rs.getString("node"),
                instant(rs, "claimed_at"), instant(rs, "finished_at"));
    }

    private static TriggerRow triggerRow(ResultSet rs) throws SQLException {
        return new TriggerRow(rs.getString("name"), rs.getString("revision"), rs.getString("type"),
                rs.getString("definition"), rs.getBoolean("enabled"), rs.getLong("version"), instant(rs, "created"),
                instant(rs, "updated"));
    }

    private static EventRow eventRow(ResultSet rs) throws SQLException {
        return new EventRow(rs.getLong("id"), rs.getString("trigger_name"), rs.getString("trigger_revision"),
                rs.getString("event_key"), rs.getString("content_hash"), EventStatus.valueOf(rs.getString("status")),
                rs.getString("execution_name"), rs.getString("execution_arn"), rs.getString("reason"),
                rs.getInt("attempts"), rs.getInt("deliveries"), rs.getBoolean("settled"), rs.getString("event"),
                instant(rs, "received_at"), instant(rs, "updated_at"));
    }

    private static boolean duplicate(SQLException e) {
        // 23505: unique violation, in PostgreSQL and H2 alike
        return "23505".equals(e.getSQLState());
    }

    private static IllegalStateException fail(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + ": " + e.getMessage(), e);
    }
}
