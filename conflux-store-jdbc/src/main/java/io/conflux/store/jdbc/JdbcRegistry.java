package io.conflux.store.jdbc;

import static io.conflux.store.jdbc.RegistryRows.ACTIVITY_COLUMNS;
import static io.conflux.store.jdbc.RegistryRows.ALIAS_COLUMNS;
import static io.conflux.store.jdbc.RegistryRows.ALIAS_DATA;
import static io.conflux.store.jdbc.RegistryRows.STATE_MACHINE_COLUMNS;
import static io.conflux.store.jdbc.RegistryRows.STATE_MACHINE_DATA;
import static io.conflux.store.jdbc.RegistryRows.VERSION_COLUMNS;

import io.conflux.engine.registry.ActivityRecord;
import io.conflux.engine.registry.AliasRecord;
import io.conflux.engine.registry.Registry;
import io.conflux.engine.registry.StateMachineRecord;
import io.conflux.engine.registry.VersionRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry in a database that several nodes may share. Every write is one short transaction; nothing is cached,
 * so what one node writes the next read on any node sees.
 *
 * <p>Publishing a version is the one write that must not race: it locks the state machine's row
 * ({@code SELECT … FOR UPDATE}), which holds the last number handed out, decides there whether the newest version
 * already has the revision being published, and otherwise takes the next number in the same transaction. The lock
 * also orders publishing against deleting the state machine, which deletes that row first: a publish that waited for
 * a delete finds no row and publishes nothing. Because the counter lives on the state machine and not in the versions,
 * deleting versions never brings a number back.
 *
 * <p>Creating returns the record given when it was inserted and the stored one when the key existed, so callers can
 * tell the two apart by identity, as with {@link io.conflux.engine.registry.InMemoryRegistry}.
 */
public final class JdbcRegistry implements Registry {

    /** How often a write that lost a race on a key is tried again before it gives up. */
    private static final int ATTEMPTS = 10;

    /** Every column but the key and last_version: an update is no reason to number versions again. */
    private static final String UPDATE_STATE_MACHINE =
            "UPDATE state_machines SET " + assignments(STATE_MACHINE_DATA) + " WHERE arn = ?";
    private static final String UPDATE_ALIAS =
            "UPDATE state_machine_aliases SET " + assignments(ALIAS_DATA) + " WHERE arn = ?";

    private static final String INSERT_VERSION =
            "INSERT INTO state_machine_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIRST_STATE_MACHINES = page("state_machines", STATE_MACHINE_COLUMNS, false);
    private static final String NEXT_STATE_MACHINES = page("state_machines", STATE_MACHINE_COLUMNS, true);
    private static final String FIRST_ACTIVITIES = page("activities", ACTIVITY_COLUMNS, false);
    private static final String NEXT_ACTIVITIES = page("activities", ACTIVITY_COLUMNS, true);

    private final Sql sql;
    /** Adds a tag or overwrites its value; an existing key keeps its row, and with it its place in the order. */
    private final String upsertTag;

    public JdbcRegistry(Database db) {
        this.sql = new Sql(db);
        this.upsertTag = switch (db.dialect()) {
            case POSTGRESQL -> "INSERT INTO tags (resource_arn, tag_key, tag_value) VALUES (?, ?, ?) "
                    + "ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value = EXCLUDED.tag_value";
            case H2 -> "MERGE INTO tags (resource_arn, tag_key, tag_value) KEY (resource_arn, tag_key) "
                    + "VALUES (?, ?, ?)";
        };
    }

    // ---- state machines -------------------------------------------------------------------------------------------

    @Override
    public StateMachineRecord createStateMachine(StateMachineRecord record) {
        return create("state machine " + record.arn(), record,
                "INSERT INTO state_machines (" + STATE_MACHINE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, record.arn());
                    RegistryRows.bindData(ps, 2, record);
                }, () -> stateMachine(record.arn()));
    }

    @Override
    public Optional<StateMachineRecord> stateMachine(String arn) {
        return sql.run("read state machine " + arn, c -> Sql.one(c,
                "SELECT " + STATE_MACHINE_COLUMNS + " FROM state_machines WHERE arn = ?", ps -> ps.setString(1, arn),
                RegistryRows::stateMachine));
    }

    @Override
    public boolean updateStateMachine(StateMachineRecord record) {
        return sql.run("update state machine " + record.arn(), c -> Sql.update(c, UPDATE_STATE_MACHINE, ps -> {
            int next = RegistryRows.bindData(ps, 1, record);
            ps.setString(next, record.arn());
        }) == 1);
    }

    @Override
    public boolean deleteStateMachine(String arn) {
        return sql.transaction("delete state machine " + arn, c -> {
            // The row first: it is what publishing locks, so a publish in progress finishes before the versions go.
            if (Sql.update(c, "DELETE FROM state_machines WHERE arn = ?", ps -> ps.setString(1, arn)) == 0) {
                return false;
            }
            Sql.update(c, "DELETE FROM tags WHERE resource_arn IN ("
                    + "SELECT arn FROM state_machine_versions WHERE state_machine_arn = ? "
                    + "UNION ALL SELECT arn FROM state_machine_aliases WHERE state_machine_arn = ?)", ps -> {
                        ps.setString(1, arn);
                        ps.setString(2, arn);
                    });
            Sql.update(c, "DELETE FROM tags WHERE resource_arn = ?", ps -> ps.setString(1, arn));
            Sql.update(c, "DELETE FROM state_machine_versions WHERE state_machine_arn = ?", ps -> ps.setString(1, arn));
            Sql.update(c, "DELETE FROM state_machine_aliases WHERE state_machine_arn = ?", ps -> ps.setString(1, arn));
            return true;
        });
    }

    @Override
    public List<StateMachineRecord> stateMachines(String afterArn, int limit) {
        return page("list state machines", afterArn == null ? FIRST_STATE_MACHINES : NEXT_STATE_MACHINES, afterArn,
                limit, RegistryRows::stateMachine);
    }

    // ---- versions -------------------------------------------------------------------------------------------------

    @Override
    public Optional<VersionRecord> publishVersion(String stateMachineArn, String definition, String roleArn,
            String description, String revisionId, Instant created) {
        return sql.transaction("publish a version of " + stateMachineArn, c -> {
            Optional<Integer> last = Sql.one(c, "SELECT last_version FROM state_machines WHERE arn = ? FOR UPDATE",
                    ps -> ps.setString(1, stateMachineArn), rs -> rs.getInt(1));
            if (last.isEmpty()) {
                return Optional.empty();
            }
            int number = last.get();
            if (number > 0) {
                // Idempotent only on the last number handed out: once that version is deleted, the same revision
                // makes a new one.
                Optional<VersionRecord> newest = version(c, stateMachineArn, number);
                if (newest.isPresent() && Objects.equals(newest.get().revisionId(), revisionId)) {
                    return newest;
                }
            }
            VersionRecord v = new VersionRecord(stateMachineArn + ":" + (number + 1), stateMachineArn, number + 1,
                    definition, roleArn, description, revisionId, created);
            Sql.update(c, "UPDATE state_machines SET last_version = ? WHERE arn = ?", ps -> {
                ps.setInt(1, v.version());
                ps.setString(2, stateMachineArn);
            });
            Sql.update(c, INSERT_VERSION, ps -> RegistryRows.bind(ps, v));
            return Optional.of(v);
        });
    }

    @Override
    public Optional<VersionRecord> version(String versionArn) {
        Optional<VersionKey> key = VersionKey.parse(versionArn);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return sql.run("read version " + versionArn,
                c -> version(c, key.get().stateMachineArn(), key.get().number()));
    }

    private static Optional<VersionRecord> version(Connection c, String stateMachineArn, int number)
            throws SQLException {
        return Sql.one(c, "SELECT " + VERSION_COLUMNS + " FROM state_machine_versions "
                + "WHERE state_machine_arn = ? AND version = ?", ps -> {
                    ps.setString(1, stateMachineArn);
                    ps.setInt(2, number);
                }, RegistryRows::version);
    }

    @Override
    public List<VersionRecord> versions(String stateMachineArn) {
        return sql.run("list the versions of " + stateMachineArn, c -> Sql.list(c, "SELECT " + VERSION_COLUMNS
                + " FROM state_machine_versions WHERE state_machine_arn = ? ORDER BY version DESC",
                ps -> ps.setString(1, stateMachineArn), RegistryRows::version));
    }

    @Override
    public boolean deleteVersion(String versionArn) {
        Optional<VersionKey> key = VersionKey.parse(versionArn);
        if (key.isEmpty()) {
            return false;
        }
        VersionKey k = key.get();
        return sql.transaction("delete version " + versionArn, c -> {
            if (Sql.update(c, "DELETE FROM state_machine_versions WHERE state_machine_arn = ? AND version = ?",
                    ps -> {
                        ps.setString(1, k.stateMachineArn());
                        ps.setInt(2, k.number());
                    }) == 0) {
                return false;
            }
            Sql.update(c, "DELETE FROM tags WHERE resource_arn = ?", ps -> ps.setString(1, k.arn()));
            return true;
        });
    }

    // ---- aliases --------------------------------------------------------------------------------------------------

    @Override
    public AliasRecord createAlias(AliasRecord alias) {
        return create("alias " + alias.arn(), alias,
                "INSERT INTO state_machine_aliases (" + ALIAS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, alias.arn());
                    RegistryRows.bindData(ps, 2, alias);
                }, () -> alias(alias.arn()));
    }

    @Override
    public Optional<AliasRecord> alias(String aliasArn) {
        return sql.run("read alias " + aliasArn, c -> Sql.one(c,
                "SELECT " + ALIAS_COLUMNS + " FROM state_machine_aliases WHERE arn = ?",
                ps -> ps.setString(1, aliasArn), RegistryRows::alias));
    }

    @Override
    public boolean updateAlias(AliasRecord alias) {
        return sql.run("update alias " + alias.arn(), c -> Sql.update(c, UPDATE_ALIAS, ps -> {
            int next = RegistryRows.bindData(ps, 1, alias);
            ps.setString(next, alias.arn());
        }) == 1);
    }

    @Override
    public boolean deleteAlias(String aliasArn) {
        return sql.transaction("delete alias " + aliasArn, c -> {
            Sql.update(c, "DELETE FROM tags WHERE resource_arn = ?", ps -> ps.setString(1, aliasArn));
            return Sql.update(c, "DELETE FROM state_machine_aliases WHERE arn = ?",
                    ps -> ps.setString(1, aliasArn)) == 1;
        });
    }

    @Override
    public List<AliasRecord> aliases(String stateMachineArn) {
        return sql.run("list the aliases of " + stateMachineArn, c -> Sql.list(c, "SELECT " + ALIAS_COLUMNS
                + " FROM state_machine_aliases WHERE state_machine_arn = ? ORDER BY arn",
                ps -> ps.setString(1, stateMachineArn), RegistryRows::alias));
    }

    // ---- activities -----------------------------------------------------------------------------------------------

    @Override
    public ActivityRecord createActivity(ActivityRecord activity) {
        return create("activity " + activity.arn(), activity,
                "INSERT INTO activities (" + ACTIVITY_COLUMNS + ") VALUES (?, ?, ?)",
                ps -> RegistryRows.bind(ps, activity), () -> activity(activity.arn()));
    }

    @Override
    public Optional<ActivityRecord> activity(String arn) {
        return sql.run("read activity " + arn, c -> Sql.one(c,
                "SELECT " + ACTIVITY_COLUMNS + " FROM activities WHERE arn = ?", ps -> ps.setString(1, arn),
                RegistryRows::activity));
    }

    @Override
    public boolean deleteActivity(String arn) {
        return sql.transaction("delete activity " + arn, c -> {
            Sql.update(c, "DELETE FROM tags WHERE resource_arn = ?", ps -> ps.setString(1, arn));
            return Sql.update(c, "DELETE FROM activities WHERE arn = ?", ps -> ps.setString(1, arn)) == 1;
        });
    }

    @Override
    public List<ActivityRecord> activities(String afterArn, int limit) {
        return page("list activities", afterArn == null ? FIRST_ACTIVITIES : NEXT_ACTIVITIES, afterArn, limit,
                RegistryRows::activity);
    }

    // ---- tags -----------------------------------------------------------------------------------------------------

    @Override
    public Map<String, String> tags(String resourceArn) {
        List<Map.Entry<String, String>> rows = sql.run("read the tags of " + resourceArn, c -> Sql.list(c,
                "SELECT tag_key, tag_value FROM tags WHERE resource_arn = ? ORDER BY seq",
                ps -> ps.setString(1, resourceArn), rs -> Map.entry(rs.getString(1), rs.getString(2))));
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        rows.forEach(t -> out.put(t.getKey(), t.getValue()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void tag(String resourceArn, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        retryOnDuplicateKey(() -> sql.transaction("tag " + resourceArn, c -> {
            try (PreparedStatement ps = c.prepareStatement(upsertTag)) {
                for (Map.Entry<String, String> t : tags.entrySet()) {
                    ps.setString(1, resourceArn);
                    ps.setString(2, t.getKey());
                    ps.setString(3, t.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        }));
    }

    /**
     * Runs a write again when it lost a race to insert the same key. PostgreSQL's upsert never does; H2's MERGE can,
     * when two transactions insert one new key at once.
     */
    private static void retryOnDuplicateKey(Runnable write) {
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                return;
            } catch (StoreException e) {
                if (attempt == ATTEMPTS || !(e.getCause() instanceof SQLException s) || !duplicate(s)) {
                    throw e;
                }
            }
        }
    }

    /** A duplicate key, or a batch that failed on one. */
    private static boolean duplicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (Sql.isDuplicateKey(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void untag(String resourceArn, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sql.transaction("untag " + resourceArn, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM tags WHERE resource_arn = ? AND tag_key = ?")) {
                for (String key : keys) {
                    ps.setString(1, resourceArn);
                    ps.setString(2, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /**
     * Inserts {@code record}, or returns the stored one when its key exists. The insert and the read are two
     * statements; when the existing row is deleted between them, the insert is tried again.
     */
    private <T> T create(String what, T record, String insert, Batch.Binder binder, Supplier<Optional<T>> existing) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<SQLException> duplicate = sql.run("create " + what, c -> {
                try {
                    Sql.update(c, insert, binder);
                    return Optional.empty();
                } catch (SQLException e) {
                    if (Sql.isDuplicateKey(e)) {
                        return Optional.of(e);
                    }
                    throw e;
                }
            });
            if (duplicate.isEmpty()) {
                return record;
            }
            Optional<T> stored = existing.get();
            if (stored.isPresent()) {
                return stored.get();
            }
            last = duplicate.get();
        }
        throw new StoreException("Could not create " + what + ": it was deleted and created again by others "
                + ATTEMPTS + " times in a row", last);
    }

    /** {@code a = ?, b = ?} for the columns {@code a, b}. */
    private static String assignments(String columns) {
        return String.join(" = ?, ", columns.split(", ")) + " = ?";
    }

    /**
     * Keyset paging in ARN order: the first page, or the rows after an ARN, which need not exist any more. H2 orders
     * strings by {@link String#compareTo}; the PostgreSQL schema collates ARNs "C", by code point, which is the same
     * order except between characters above U+FFFF and those from U+E000 to U+FFFF.
     */
    private static String page(String table, String columns, boolean after) {
        return "SELECT " + columns + " FROM " + table + (after ? " WHERE arn > ?" : "") + " ORDER BY arn LIMIT ?";
    }

    private <T> List<T> page(String what, String select, String afterArn, int limit, Sql.Row<T> row) {
        return sql.run(what, c -> Sql.list(c, select, ps -> {
            int i = 1;
            if (afterArn != null) {
                ps.setString(i++, afterArn);
            }
            ps.setInt(i, limit);
        }, row));
    }

    /**
     * A version ARN taken apart as {@link io.conflux.engine.registry.InMemoryRegistry} does: the state machine ARN
     * before the last colon and the number after it, read by {@link Integer#parseInt}.
     */
    private record VersionKey(String stateMachineArn, int number) {
        /** The ARN the version is stored under: {@code 01} reads version 1, whose ARN ends in {@code :1}. */
        String arn() {
            return stateMachineArn + ":" + number;
        }

        static Optional<VersionKey> parse(String versionArn) {
            int colon = versionArn.lastIndexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new VersionKey(versionArn.substring(0, colon),
                        Integer.parseInt(versionArn.substring(colon + 1))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
