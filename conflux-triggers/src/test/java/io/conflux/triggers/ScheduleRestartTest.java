package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.InMemoryRegistry;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.store.jdbc.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable server (H2 in a folder) stopped and started again: schedules survive, runs missed while it was down follow
 * their policy, and a run claimed just before a crash starts exactly once.
 */
class ScheduleRestartTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:07:00Z"));
    /** Stands for the durable registry (the JDBC registry is another piece of work): state machines survive too. */
    private final InMemoryRegistry registry = new InMemoryRegistry();

    private TestNode start(Database db) {
        return TestNode.manual(b -> b.clock(clock).database(db).registry(() -> registry).nodeId("n1"));
    }

    @Test
    void schedules_survive_a_restart_and_missed_runs_run_once() throws Exception {
        String machine;
        try (Database db = Database.h2(dir); TestNode node = start(db)) {
            machine = node.createStateMachine("work");
            node.putSchedule("hourly", """
                    {"expression": "cron(0 * * * ? *)", "stateMachine": "work"}""");
            clock.set(Instant.parse("2026-01-01T11:00:00Z"));
            assertThat(node.triggers.tick()).isEqualTo(1);
        }
        clock.set(Instant.parse("2026-01-01T14:10:00Z"));
        try (Database db = Database.h2(dir); TestNode node = start(db)) {
            assertThat(node.triggers.tick()).isEqualTo(1);
            assertThat(node.triggers.tick()).isZero();
            List<JsonNode> fires = node.fires("hourly");
            assertThat(fires).extracting(f -> f.path("status").asText() + " " + f.path("scheduledTime").asText())
                    .containsExactly("STARTED 2026-01-01T14:00:00Z", "SKIPPED 2026-01-01T12:00:00Z",
                            "STARTED 2026-01-01T11:00:00Z");
            assertThat(fires.get(1).path("missedRuns").asInt()).isEqualTo(2);
            assertThat(node.executions(machine)).hasSize(2);
        }
    }

    @Test
    void a_run_claimed_before_a_crash_starts_exactly_once_after_the_restart() throws Exception {
        String machine;
        try (Database db = Database.h2(dir); TestNode node = start(db)) {
            machine = node.createStateMachine("work");
            node.putSchedule("claimed", """
                    {"expression": "cron(0 11 * * ? *)", "stateMachine": "work", "input": {"t": "<aws.scheduler.scheduled-time>"}}""");
            node.putSchedule("started", """
                    {"expression": "cron(0 11 * * ? *)", "stateMachine": "work"}""");
            // The node claims both 11:00 runs and crashes: one before its execution started, one right after.
            clock.set(Instant.parse("2026-01-01T11:00:00Z"));
            TriggerStore store = new TriggerStore(db);
            String notStarted = crashAfterClaim(store, "claimed", machine, "{\"t\": \"2026-01-01T11:00:00Z\"}");
            String started = crashAfterClaim(store, "started", machine, "{}");
            node.sfn("StartExecution", Json.object().put("stateMachineArn", machine).put("name", started)
                    .put("input", "{}"));
            assertThat(node.executions(machine)).hasSize(1);
            assertThat(notStarted).isNotEqualTo(started);
        }
        try (Database db = Database.h2(dir); TestNode node = start(db)) {
            assertThat(node.triggers.tick()).isEqualTo(1);
            assertThat(node.triggers.tick()).isZero();
            assertThat(node.executions(machine)).hasSize(2);
            JsonNode claimed = node.fires("claimed").get(0);
            assertThat(claimed.path("status").asText()).isEqualTo("STARTED");
            assertThat(node.input(claimed.path("executionArn").asText()).path("t").asText())
                    .isEqualTo("2026-01-01T11:00:00Z");
            JsonNode started = node.fires("started").get(0);
            assertThat(started.path("status").asText()).isEqualTo("STARTED");
            assertThat(started.path("reason").asText()).isEqualTo("started by an earlier attempt");
        }
    }

    /** Claims a schedule's due run as the node would, and stops there. @return the execution name it chose */
    private String crashAfterClaim(TriggerStore store, String schedule, String machine, String input) {
        TriggerStore.ScheduleRow row = store.schedule(schedule).orElseThrow();
        ScheduleDefinition d = ScheduleDefinition.parse(schedule, Json.NODES.objectNode()
                .put("expression", "cron(0 11 * * ? *)").put("stateMachine", "work"), "us-east-1", "123456789012");
        Instant run = row.nextScheduled();
        String name = d.executionName(run, row.revision());
        TriggerStore.Claim c = store.claim(row, d.next(run).orElseThrow(), d.next(run).orElseThrow(), false,
                List.of(new TriggerStore.NewFire(run, TriggerStore.FireStatus.CLAIMED, machine, name, input, null, 0)),
                "n1", clock.instant());
        assertThat(c).isInstanceOf(TriggerStore.Claim.Won.class);
        return name;
    }
}
