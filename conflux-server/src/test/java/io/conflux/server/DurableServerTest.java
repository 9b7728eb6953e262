package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.store.jdbc.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** A server on the embedded database: Standard executions and the registry are stored, Express executions are not. */
class DurableServerTest {
    @TempDir
    Path data;

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void standard_executions_are_stored_and_express_executions_run_in_memory() throws Exception {
        String pass = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
        try (Database db = Database.h2(data); TestServer t = TestServer.start(b -> b.database(db))) {
            String standard = t.create("std", pass);
            String express = t.createExpress("exp", pass);
            String run = t.sfn.startExecution(b -> b.stateMachineArn(standard).input("{\"a\":1}")).executionArn();
            assertThat(t.awaitEnd(run).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(t.sfn.startSyncExecution(b -> b.stateMachineArn(express).input("{\"b\":2}")).status())
                    .isEqualTo(SyncExecutionStatus.SUCCEEDED);

            assertThat(count(db, "SELECT COUNT(*) FROM executions WHERE express = FALSE")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM executions WHERE express = TRUE")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM execution_log")).isPositive();
        }
        // A new server on the same data knows the state machines and the finished execution.
        try (Database db = Database.h2(data); TestServer t = TestServer.start(b -> b.database(db))) {
            assertThat(t.sfn.listStateMachines().stateMachines()).extracting(s -> s.name())
                    .containsExactlyInAnyOrder("std", "exp");
            assertThat(t.sfn.listExecutions(b -> b.stateMachineArn(
                    "arn:aws:states:us-east-1:123456789012:stateMachine:std")).executions())
                    .singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        }
    }
}
