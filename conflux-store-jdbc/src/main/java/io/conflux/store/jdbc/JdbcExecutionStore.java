package io.conflux.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import io.conflux.engine.history.HistoryReader;
import io.conflux.engine.interpreter.Event;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.store.ExecutionQuery;
import io.conflux.engine.store.ExecutionRecord;
import io.conflux.engine.store.ExecutionStore;
import io.conflux.engine.store.Forwarded;
import io.conflux.engine.store.Step;
import io.conflux.engine.store.StoredEvents;
import io.conflux.engine.store.StoredExecution;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Executions in a database. An execution is its creation row plus its log ({@code execution_log}): one entry per
 * commit with the events it applied, which the interpreter's determinism makes enough to rebuild it, and the history
 * they produced, which the API reads. The end of an execution is written in the same transaction as its last entry.
 * Commits of concurrent executions share transactions through a {@link GroupCommitter}.
 */
public final class JdbcExecutionStore implements ExecutionStore {
    private static final String COLUMNS = "arn, name, state_machine_arn, state_machine_name, version_arn, alias_arn, "
            + "role_arn, express, synchronous, status, input, output, error, cause, start_time, stop_time, "
            + "redrive_count, redrive_time";

    private final Database db;
    private final GroupCommitter committer;
    /** Where the log of each running execution this store writes for goes on. */
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final ExecutionIds ids;

    /** An execution's number, which keys its log, and the sequence number of its next log entry. */
    private record Cursor(long id, int next) {}

    /** The node this store creates executions for, holding each for {@link #lease} at a time. */
    private final String node;
    private final java.time.Duration lease;

    /**
     * @param node the name of this node: stable across restarts of the same node, unique among nodes sharing the
     *     database (a restarted node takes its executions back at once; others wait for their leases to run out)
     * @param lease how long an execution stays with its node without a renewal
     */
    public JdbcExecutionStore(Database db, String node, java.time.Duration lease) {
        this.db = db;
        this.node = node;
        this.lease = lease;
        this.committer = new GroupCommitter(db);
        this.ids = new ExecutionIds(db);
    }

    /** A store for one node alone. */
    public JdbcExecutionStore(Database db) {
        this(db, "local", java.time.Duration.ofSeconds(30));
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean create(ExecutionState s) {
        ExecutionInfo i = s.info();
        long id = ids.next();
        String definition = Json.write(s.machine().source());
        String input = Json.write(s.input());
        String sql = "INSERT INTO executions (id, arn, name, state_machine_arn, state_machine_name, version_arn,"
                + " alias_arn, role_arn, express, synchronous, status, definition, input, salt, start_time,"
                + " start_nanos, owner, lease_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try {
            // Through the group committer too: a start shares its transaction with the steps committing now.
            committer.commit(batch -> batch.add(sql, ps -> {
                ps.setLong(1, id);
                ps.setString(2, i.executionArn());
                ps.setString(3, i.name());
                ps.setString(4, i.stateMachineArn());
                ps.setString(5, i.stateMachineName());
                ps.setString(6, i.versionArn());
                ps.setString(7, i.aliasArn());
                ps.setString(8, i.roleArn());
                ps.setBoolean(9, i.express());
                ps.setBoolean(10, i.synchronous());
                ps.setString(11, ExecutionStatus.RUNNING.name());
                ps.setString(12, definition);
                ps.setString(13, input);
                ps.setString(14, s.salt());
                ps.setString(15, s.startTime().toString());
                ps.setLong(16, nanos(s.startTime()));
                ps.setString(17, node);
                ps.setLong(18, s.startTime().plus(lease).toEpochMilli());
            }));
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException failure && Sql.isDuplicateKey(failure)) {
                return false;
            }
            throw new StoreException("Could not create execution " + i.executionArn(), e.getCause());
        }
        cursors.put(i.executionArn(), new Cursor(id, 0));
        return true;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public void commit(ExecutionState state, List<Step> steps) {
        String arn = state.info().executionArn();
        Cursor cursor = cursors.get(arn);
        if (cursor == null) {
            throw new IllegalStateException("Expected " + arn + " to be created or loaded by this store, but it is not");
        }
        long id = cursor.id();
        int seq = cursor.next();
        // Serialise here, on the execution's own thread: the writer thread only writes.
        ObjectNode entry = Json.object();
        ArrayNode events = entry.putArray("events");
        ArrayNode history = entry.putArray("history");
        long lastEventId = 0;
        boolean redriven = false;
        for (Step s : steps) {
            redriven |= s.event() instanceof Event.Redrive;
            events.add(StoredEvents.write(s.event()));
            for (HistoryEvent h : s.transition().events()) {
                history.add(HistoryJson.write(h, true, HistoryJson.Timestamps.ISO));
                lastEventId = h.id();
            }
        }
        byte[] bytes = bytes(entry);
        long last = lastEventId;
        ExecutionRecord end = state.status().isTerminal() ? ExecutionRecord.of(state) : null;
        String output = end == null || end.output() == null ? null : Json.write(end.output());
        int redriveCount = state.redriveCount();
        String redriveTime = state.redriveTime() == null ? null : state.redriveTime().toString();
        // A redriven execution runs again, on this node: its row says so until it ends again.
        boolean reopened = redriven && end == null;
        long leaseUntil = reopened ? state.redriveTime().plus(lease).toEpochMilli() : 0;
        committer.commit(batch -> {
            batch.add("INSERT INTO execution_log (execution_id, seq, last_event_id, entry) VALUES (?, ?, ?, ?)",
                    ps -> {
                        ps.setLong(1, id);
                        ps.setInt(2, seq);
                        ps.setLong(3, last);
                        ps.setBytes(4, bytes);
                    });
            if (end != null) {
                batch.add("UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_time = ?, "
                        + "owner = NULL, lease_until = NULL, redrive_count = ?, redrive_time = ? WHERE arn = ?",
                        ps -> {
                            ps.setString(1, end.status().name());
                            setNullable(ps, 2, output);
                            setNullable(ps, 3, end.error());
                            setNullable(ps, 4, end.cause());
                            ps.setString(5, end.stopTime().toString());
                            ps.setInt(6, redriveCount);
                            setNullable(ps, 7, redriveTime);
                            ps.setString(8, arn);
                        });
            } else if (reopened) {
                batch.add("UPDATE executions SET status = ?, output = NULL, error = NULL, cause = NULL, "
                        + "stop_time = NULL, owner = ?, lease_until = ?, redrive_count = ?, redrive_time = ? "
                        + "WHERE arn = ?", ps -> {
                            ps.setString(1, ExecutionStatus.RUNNING.name());
                            ps.setString(2, node);
                            ps.setLong(3, leaseUntil);
                            ps.setInt(4, redriveCount);
                            ps.setString(5, redriveTime);
                            ps.setString(6, arn);
                        });
            }
        });
        if (end != null) {
            cursors.remove(arn);
        } else {
            cursors.put(arn, new Cursor(id, seq + 1));
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    @Override
    public Optional<ExecutionRecord> describe(String executionArn) {
        String sql = "SELECT " + COLUMNS + " FROM executions WHERE arn = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, executionArn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read execution " + executionArn, e);
        }
    }

    private static ExecutionRecord record(ResultSet rs) throws SQLException {
        ExecutionInfo info = new ExecutionInfo(rs.getString("arn"), rs.getString("name"),
                rs.getString("state_machine_arn"), rs.getString("state_machine_name"), rs.getString("role_arn"),
                rs.getBoolean("express"), rs.getBoolean("synchronous"), rs.getString("alias_arn"),
                rs.getString("version_arn"));
        String stop = rs.getString("stop_time");
        String redriven = rs.getString("redrive_time");
        return new ExecutionRecord(info, ExecutionStatus.valueOf(rs.getString("status")),
                json(rs.getString("input")), json(rs.getString("output")), rs.getString("error"),
                rs.getString("cause"), Instant.parse(rs.getString("start_time")),
                stop == null ? null : Instant.parse(stop), rs.getInt("redrive_count"),
                redriven == null ? null : Instant.parse(redriven));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes always serialises", e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new StoreException("Expected JSON in the store's log, but it is not", e);
        }
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("Expected JSON in the store, but " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> out = new ArrayList<>();
        for (JsonNode entry : log(executionArn)) {
            for (JsonNode h : entry.get("history")) {
                out.add(HistoryReader.read(h));
            }
        }
        return out;
    }

    /** The log entries of an execution, in commit order. */
    private List<JsonNode> log(String executionArn) {
        String sql = "SELECT l.entry FROM execution_log l JOIN executions e ON e.id = l.execution_id"
                + " WHERE e.arn = ? ORDER BY l.seq";
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, executionArn);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(json(rs.getBytes(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Could not read the log of " + executionArn, e);
        }
    }

    @Override
    public List<ExecutionRecord> list(ExecutionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM executions WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.stateMachineArn() != null) {
            sql.append(" AND (state_machine_arn = ? OR version_arn = ? OR alias_arn = ?)");
            args.add(q.stateMachineArn());
            args.add(q.stateMachineArn());
            args.add(q.stateMachineArn());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.redriven() != null) {
            sql.append(q.redriven() ? " AND redrive_count > 0" : " AND redrive_count = 0");
        }
        if (q.after() != null) {
            // Keyset paging on (start_nanos DESC, arn): rows strictly after the previous page's last one.
            sql.append(" AND (start_nanos < (SELECT start_nanos FROM executions WHERE arn = ?)"
                    + " OR (start_nanos = (SELECT start_nanos FROM executions WHERE arn = ?) AND arn > ?))");
            args.add(q.after());
            args.add(q.after());
            args.add(q.after());
        }
        sql.append(" ORDER BY start_nanos DESC, arn LIMIT ?");
        args.add(q.limit());
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ExecutionRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(record(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("Could not list executions", e);
        }
    }

    /** Every running execution, whoever holds it: for a single node after a restart. */
    @Override
    public List<StoredExecution> unfinished() {
        return load("status = ?", ps -> ps.setString(1, ExecutionStatus.RUNNING.name()));
    }

    /** Any execution, ended or not, with its events; the store's log for it continues where it stopped. */
    @Override
    public Optional<StoredExecution> load(String executionArn) {
        List<StoredExecution> found = load("arn = ?", ps -> ps.setString(1, executionArn));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<StoredExecution> claim(Instant now, boolean includeOwn) {
        Instant leaseUntil = now.plus(lease);
        String select = "SELECT arn FROM executions WHERE status = ? AND (owner IS NULL OR lease_until < ?"
                + (includeOwn ? " OR owner = ?" : "") + ") FOR UPDATE"
                // Nodes claiming at once each get a disjoint share instead of waiting on each other's row locks.
                + (db.dialect() == Database.Dialect.POSTGRESQL ? " SKIP LOCKED" : "");
        List<String> claimed = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, ExecutionStatus.RUNNING.name());
                ps.setLong(2, now.toEpochMilli());
                if (includeOwn) {
                    ps.setString(3, node);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getString(1));
                    }
                }
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE executions SET owner = ?, lease_until = ? WHERE arn = ?")) {
                    for (String arn : claimed) {
                        up.setString(1, node);
                        up.setLong(2, leaseUntil.toEpochMilli());
                        up.setString(3, arn);
                        up.addBatch();
                    }
                    up.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not claim executions", e);
        }
        List<StoredExecution> out = new ArrayList<>();
        for (String arn : claimed) {
            out.addAll(load("arn = ? AND status = ?", ps -> {
                ps.setString(1, arn);
                ps.setString(2, ExecutionStatus.RUNNING.name());
            }));
        }
        return out;
    }

    @Override
    public void renew(Instant now) {
        Instant leaseUntil = now.plus(lease);
        String sql = "UPDATE executions SET lease_until = ? WHERE owner = ? AND status = ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, leaseUntil.toEpochMilli());
            ps.setString(2, node);
            ps.setString(3, ExecutionStatus.RUNNING.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not renew the leases of " + node, e);
        }
    }

    @Override
    public boolean forward(String executionArn, Event event) {
        String sql = "INSERT INTO execution_mailbox (execution_arn, event) VALUES (?, ?)";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, executionArn);
            ps.setString(2, Json.write(StoredEvents.write(event)));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            throw new StoreException("Could not forward an event to " + executionArn, e);
        }
    }

    @Override
    public List<Forwarded> takeForwarded(int limit) {
        String select = "SELECT m.id, m.execution_arn, m.event FROM execution_mailbox m JOIN executions e"
                + " ON e.arn = m.execution_arn WHERE e.owner = ? ORDER BY m.id LIMIT ?"
                + (db.dialect() == Database.Dialect.POSTGRESQL ? " FOR UPDATE OF m SKIP LOCKED" : " FOR UPDATE");
        List<Forwarded> out = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, node);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Forwarded(rs.getLong(1), rs.getString(2), StoredEvents.read(json(rs.getString(3)))));
                    }
                }
                if (!out.isEmpty()) {
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM execution_mailbox WHERE id = ?")) {
                        for (Forwarded f : out) {
                            del.setLong(1, f.id());
                            del.addBatch();
                        }
                        del.executeBatch();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not take forwarded events", e);
        }
        return out;
    }

    private List<StoredExecution> load(String where, Batch.Binder binder) {
        Map<String, StoredExecution> out = new LinkedHashMap<>();
        String rows = "SELECT id, arn, name, state_machine_arn, state_machine_name, version_arn, alias_arn, role_arn,"
                + " express, synchronous, definition, input, salt, start_time FROM executions WHERE " + where
                + " ORDER BY start_nanos";
        String entries = "SELECT entry FROM execution_log WHERE execution_id = ? ORDER BY seq";
        Map<String, Long> idOf = new java.util.HashMap<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(rows)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ExecutionInfo info = new ExecutionInfo(rs.getString("arn"), rs.getString("name"),
                                rs.getString("state_machine_arn"), rs.getString("state_machine_name"),
                                rs.getString("role_arn"), rs.getBoolean("express"), rs.getBoolean("synchronous"),
                                rs.getString("alias_arn"), rs.getString("version_arn"));
                        out.put(info.executionArn(), new StoredExecution(info, rs.getString("definition"),
                                json(rs.getString("input")), Instant.parse(rs.getString("start_time")),
                                rs.getString("salt"), new ArrayList<>()));
                        idOf.put(info.executionArn(), rs.getLong("id"));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(entries)) {
                for (StoredExecution e : out.values()) {
                    long id = idOf.get(e.info().executionArn());
                    ps.setLong(1, id);
                    int count = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (JsonNode event : json(rs.getBytes(1)).get("events")) {
                                e.events().add(StoredEvents.read(event));
                            }
                            count++;
                        }
                    }
                    cursors.put(e.info().executionArn(), new Cursor(id, count));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not read unfinished executions", e);
        }
        List<StoredExecution> list = new ArrayList<>();
        for (StoredExecution e : out.values()) {
            list.add(new StoredExecution(e.info(), e.definition(), e.input(), e.startTime(), e.salt(),
                    List.<Event>copyOf(e.events())));
        }
        return list;
    }

    /** Average number of execution commits per database transaction so far. */
    public double averageGroupSize() {
        return committer.averageGroupSize();
    }

    /** How many commits were written so far. */
    public long commits() {
        return committer.works();
    }

    /** Average duration of one group's database transaction so far, in milliseconds. */
    public double averageWriteMillis() {
        return committer.averageWriteMillis();
    }

    @Override
    public void close() {
        committer.close();
    }
}
