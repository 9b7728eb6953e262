package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.engine.registry.InMemoryRegistry;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.store.jdbc.Database;
import io.conflux.store.jdbc.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two servers on one PostgreSQL database, ticking at the same moments: each run fires once. */
class TwoNodesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private TestPostgres pg;
    private Database db1;
    private Database db2;
    private TestNode a;
    private TestNode b;

    @BeforeEach
    void start() {
        pg = TestPostgres.newDatabase();
        db1 = pg.open();
        db2 = pg.open();
        a = TestNode.manual(c -> c.clock(clock).database(db1).registry(() -> registry).nodeId("a"));
        b = TestNode.manual(c -> c.clock(clock).database(db2).registry(() -> registry).nodeId("b"));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        db1.close();
        db2.close();
        pg.drop();
    }

    @Test
    void two_nodes_on_one_database_fire_each_run_once() throws Exception {
        String machine = a.createStateMachine("work");
        a.putSchedule("minutely", """
                {"expression": "rate(1 minute)", "stateMachine": "work"}""");
        b.putSchedule("quarter", """
                {"expression": "cron(0/15 * * * ? *)", "stateMachine": "work"}""");
        int rounds = 60;
        int started = 0;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < rounds; i++) {
                Future<Integer> fa = pool.submit(() -> {
                    together.await();
                    return a.triggers.tick();
                });
                Future<Integer> fb = pool.submit(() -> {
                    together.await();
                    return b.triggers.tick();
                });
                started += fa.get() + fb.get();
                clock.advance(Duration.ofMinutes(1));
            }
        } finally {
            pool.shutdownNow();
        }
        // rate(1 minute) from 10:00: 60 runs (10:00 to 10:59); cron every 15 minutes: 10:00, 10:15, 10:30, 10:45
        assertThat(started).isEqualTo(64);
        List<JsonNode> executions = a.executions(machine);
        assertThat(executions).hasSize(64);
        Set<String> names = new HashSet<>();
        executions.forEach(e -> names.add(e.path("name").asText()));
        assertThat(names).hasSize(64);
        List<JsonNode> fires = a.fires("minutely");
        assertThat(fires).hasSize(60).allMatch(f -> f.path("status").asText().equals("STARTED"));
        Set<String> nodes = new HashSet<>();
        fires.forEach(f -> nodes.add(f.path("node").asText()));
        assertThat(nodes).isSubsetOf("a", "b");
        assertThat(b.fires("quarter")).hasSize(4);
    }

    @Test
    void a_run_claimed_by_a_node_that_stopped_is_started_by_another_once_the_lease_passed() throws Exception {
        String machine = a.createStateMachine("work");
        a.putSchedule("handed-over", """
                {"expression": "cron(0 11 * * ? *)", "stateMachine": "work"}""");
        clock.set(Instant.parse("2026-01-01T11:00:00Z"));
        // node "gone" claimed the run and stopped before it started the execution
        TriggerStore store = new TriggerStore(db1);
        TriggerStore.ScheduleRow row = store.schedule("handed-over").orElseThrow();
        Instant next = Instant.parse("2026-01-02T11:00:00Z");
        assertThat(store.claim(row, next, next, false, List.of(new TriggerStore.NewFire(row.nextScheduled(),
                TriggerStore.FireStatus.CLAIMED, machine, "handed-over-run", "{}", null, 0)), "gone",
                clock.instant())).isInstanceOf(TriggerStore.Claim.Won.class);
        assertThat(a.triggers.tick() + b.triggers.tick()).isZero(); // the claim is fresh: not theirs to take
        clock.advance(Duration.ofSeconds(31));
        assertThat(a.triggers.tick() + b.triggers.tick()).isEqualTo(1);
        assertThat(a.triggers.tick() + b.triggers.tick()).isZero();
        assertThat(a.executions(machine)).extracting(e -> e.path("name").asText()).containsExactly("handed-over-run");
        JsonNode fire = a.fires("handed-over").get(0);
        assertThat(fire.path("status").asText()).isEqualTo("STARTED");
        assertThat(fire.path("node").asText()).isIn("a", "b");
    }
}
