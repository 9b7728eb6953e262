package io.conflux.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.engine.store.StoredExecution;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written before execution logs were keyed by execution number (schema version 3) keeps its executions
 * through the migration: finished ones read back the same, running ones resume and append where they stopped.
 */
class LogMigrationTest {
    private static final StateMachine WAIT_THEN_PASS = Asl.parse("""
            {"StartAt":"W","States":{
              "W":{"Type":"Wait","Seconds":10,"Next":"P"},
              "P":{"Type":"Pass","Parameters":{"x.$":"$.x"},"End":true}}}""").machine();

    @Test
    void an_h2_database_at_version_3_keeps_its_executions() throws Exception {
        String url = "jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        migrateKeepsExecutions(url, null, "h2");
    }

    @Test
    void a_postgresql_database_at_version_3_keeps_its_executions() throws Exception {
        TestPostgres pg = TestPostgres.newDatabase();
        try {
            migrateKeepsExecutions(pg.url(), TestPostgres.USER, "postgresql");
        } finally {
            pg.drop();
        }
    }

    private static void migrateKeepsExecutions(String url, String user, String dialect) throws Exception {
        ManualClock clock = new ManualClock();
        String finished;
        String running;
        List<String> finishedHistory;
        // Executions as the current store writes them, in a database of their own ...
        try (Database source = Database.h2InMemory("source-" + UUID.randomUUID())) {
            try (Engine engine = Engine.builder().manual(clock).store(new JdbcExecutionStore(source)).build()) {
                finished = engine.start(WAIT_THEN_PASS, ExecutionInfo.local("sm", "finished"), Json.object().put("x", 1));
                engine.runToCompletion(finished, Duration.ofMinutes(1));
                running = engine.start(WAIT_THEN_PASS, ExecutionInfo.local("sm", "running"), Json.object().put("x", 2));
                engine.runUntilIdle();
                finishedHistory = historyJson(engine.store().history(finished));
            }
            // ... copied into a database at version 3, whose log is keyed by ARN.
            Flyway.configure().dataSource(url, user, null).locations("classpath:db/migration/" + dialect)
                    .target("3").load().migrate();
            try (Connection from = source.connection(); Connection to = DriverManager.getConnection(url, user, null)) {
                copyExecutions(from, to);
                copyLog(from, to);
            }
        }
        try (Database migrated = Database.open(url, user, null, 4)) {
            JdbcExecutionStore store = new JdbcExecutionStore(migrated);
            assertThat(historyJson(store.history(finished))).isEqualTo(finishedHistory);
            assertThat(store.describe(finished).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(store.unfinished()).extracting(StoredExecution::info)
                    .extracting(ExecutionInfo::executionArn).containsExactly(running);
            try (Engine engine = Engine.builder().manual(clock).store(store).build()) {
                assertThat(engine.recover()).isEqualTo(1);
                engine.advance(Duration.ofSeconds(10));
                assertThat(engine.runToCompletion(running, Duration.ofMinutes(1)).output().get("x").asInt())
                        .isEqualTo(2);
                // New executions are numbered after the migrated ones.
                String fresh = engine.start(WAIT_THEN_PASS, ExecutionInfo.local("sm", "fresh"),
                        Json.object().put("x", 3));
                engine.advance(Duration.ofSeconds(10));
                assertThat(engine.runToCompletion(fresh, Duration.ofMinutes(1)).status())
                        .isEqualTo(ExecutionStatus.SUCCEEDED);
            }
            List<HistoryEvent> resumed = new JdbcExecutionStore(migrated).history(running);
            assertThat(resumed.getLast().type().name()).isEqualTo("ExecutionSucceeded");
            assertThat(resumed).extracting(HistoryEvent::id).doesNotHaveDuplicates();
        }
    }

    private static List<String> historyJson(List<HistoryEvent> history) {
        List<String> out = new ArrayList<>();
        for (HistoryEvent h : history) {
            out.add(HistoryJson.write(h, true, HistoryJson.Timestamps.ISO).toString());
        }
        return out;
    }

    /** Every column of the executions but the number, which version 3 does not have. */
    private static void copyExecutions(Connection from, Connection to) throws SQLException {
        try (PreparedStatement read = from.prepareStatement("SELECT * FROM executions");
                ResultSet rs = read.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!meta.getColumnName(i).equalsIgnoreCase("id")) {
                    columns.add(meta.getColumnName(i).toLowerCase());
                }
            }
            String sql = "INSERT INTO executions (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement write = to.prepareStatement(sql)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        write.setObject(i + 1, rs.getObject(columns.get(i)));
                    }
                    write.executeUpdate();
                }
            }
        }
    }

    private static void copyLog(Connection from, Connection to) throws SQLException {
        String select = "SELECT e.arn, l.seq, l.last_event_id, l.entry FROM execution_log l"
                + " JOIN executions e ON e.id = l.execution_id";
        try (PreparedStatement read = from.prepareStatement(select); ResultSet rs = read.executeQuery();
                PreparedStatement write = to.prepareStatement(
                        "INSERT INTO execution_log (execution_arn, seq, last_event_id, entry) VALUES (?, ?, ?, ?)")) {
            int rows = 0;
            while (rs.next()) {
                write.setString(1, rs.getString(1));
                write.setInt(2, rs.getInt(2));
                write.setLong(3, rs.getLong(3));
                write.setBytes(4, rs.getBytes(4));
                write.executeUpdate();
                rows++;
            }
            assertThat(rows).isGreaterThan(2);
        }
    }
}
