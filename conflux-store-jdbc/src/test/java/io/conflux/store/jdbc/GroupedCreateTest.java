package io.conflux.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Asl;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Creations share transactions with whatever else commits at the time; a taken name fails only its own. */
class GroupedCreateTest {
    private static final StateMachine MACHINE = Asl.parse("""
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""").machine();

    @Test
    void concurrent_creations_with_taken_names_fail_alone() throws Exception {
        try (Database db = Database.h2InMemory("grouped-" + UUID.randomUUID());
                JdbcExecutionStore store = new JdbcExecutionStore(db);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            // 200 creations at once over 100 names: each name is taken exactly once.
            for (int i = 0; i < 200; i++) {
                String name = "e" + (i % 100);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.create(ExecutionState.create(ExecutionInfo.local("sm", name), MACHINE,
                            Json.object(), Instant.parse("2026-01-01T00:00:00Z"), "salt"));
                }));
            }
            go.countDown();
            int created = 0;
            for (Future<Boolean> r : results) {
                created += r.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(100);
            assertThat(store.unfinished()).hasSize(100);
        }
    }
}
