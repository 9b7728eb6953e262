package io.conflux.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.history.HistoryJson;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionState;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.engine.runtime.Engine;
import io.conflux.engine.runtime.ManualClock;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ExecutionStore} must do. One subclass per store (in memory, H2, PostgreSQL) runs it; the
 * recovery tests run for durable stores only.
 */
public abstract class ExecutionStoreContract {

    /** A new, empty store. For durable stores, {@link #reopen} gives another store over the same data. */
    protected abstract ExecutionStore newStore();

    /** Another store over the data of the last one from {@link #newStore} (a restarted process). */
    protected ExecutionStore reopen() {
        throw new UnsupportedOperationException("not durable");
    }

    /** A store over the same data for another node, {@code node}, whose executions are leased for {@code lease}. */
    protected ExecutionStore peer(String node, Duration lease) {
        throw new UnsupportedOperationException("not shared");
    }

    protected static StateMachine machine(String json) {
        ParseResult r = Asl.parse(json);
        assertThat(r.errors()).isEmpty();
        return r.machine();
    }

    static ExecutionInfo info(String sm, String name) {
        return ExecutionInfo.local(sm, name);
    }

    private static final String WAIT_THEN_PASS = """
            {"StartAt":"W","States":{
              "W":{"Type":"Wait","Seconds":10,"Next":"P"},
              "P":{"Type":"Pass","Parameters":{"x.$":"$.x","id.$":"States.UUID()"},"End":true}}}""";

    @Test
    void an_execution_name_is_taken_once() {
        try (ExecutionStore store = newStore()) {
            ExecutionState s = ExecutionState.create(info("sm", "once"), machine(WAIT_THEN_PASS), Json.object(),
                    Instant.parse("2026-01-01T00:00:00Z"), "salt");
            assertThat(store.create(s)).isTrue();
            assertThat(store.create(s)).isFalse();
        }
    }

    @Test
    void a_finished_execution_is_described_with_its_output_and_its_whole_history() {
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).build()) {
            String arn = engine.start(machine(WAIT_THEN_PASS), info("sm", "e1"), Json.object().put("x", 7));
            ExecutionRecord r = engine.runToCompletion(arn, Duration.ofMinutes(1));
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            ExecutionRecord stored = engine.store().describe(arn).orElseThrow();
            assertThat(stored.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(stored.output().get("x").asInt()).isEqualTo(7);
            assertThat(stored.input()).isEqualTo(Json.object().put("x", 7));
            assertThat(stored.stopTime()).isEqualTo(stored.startTime().plusSeconds(10));
            List<HistoryEvent> h = engine.store().history(arn);
            assertThat(h).extracting(HistoryEvent::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, h.size()).boxed().toList());
            assertThat(h.getLast().type().name()).isEqualTo("ExecutionSucceeded");
            // What the API serves is what the interpreter recorded, byte for byte.
            assertThat(HistoryJson.write(h.get(4), true, HistoryJson.Timestamps.ISO).toString())
                    .contains("\"name\":\"P\"");
        }
    }

    @Test
    void executions_are_listed_newest_first_by_machine_and_status_in_pages() {
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).build()) {
            StateMachine sm = machine(WAIT_THEN_PASS);
            for (int i = 0; i < 5; i++) {
                engine.start(sm, info("listed", "e" + i), Json.object().put("x", i));
                clock.advance(Duration.ofSeconds(1));
            }
            engine.start(sm, info("other", "o"), Json.object());
            engine.runUntilIdle();
            engine.advance(Duration.ofSeconds(7)); // now 12 s: e0, e1, e2 have waited their 10 s; e3, e4 still wait
            String smArn = info("listed", "x").stateMachineArn();
            List<ExecutionRecord> all = engine.store().list(new ExecutionQuery(smArn, null, null, 100));
            assertThat(all).extracting(r -> r.info().name()).containsExactly("e4", "e3", "e2", "e1", "e0");
            List<ExecutionRecord> page1 = engine.store().list(new ExecutionQuery(smArn, null, null, 2));
            List<ExecutionRecord> page2 = engine.store().list(new ExecutionQuery(smArn, null,
                    page1.getLast().info().executionArn(), 2));
            assertThat(page1).extracting(r -> r.info().name()).containsExactly("e4", "e3");
            assertThat(page2).extracting(r -> r.info().name()).containsExactly("e2", "e1");
            List<ExecutionRecord> done = engine.store().list(new ExecutionQuery(smArn, ExecutionStatus.SUCCEEDED,
                    null, 100));
            assertThat(done).extracting(r -> r.info().name()).containsExactly("e2", "e1", "e0");
        }
    }

    /** A callback node: records tasks, answers nothing by itself. */
    static final class Callbacks implements ProcessingNode {
        final List<TaskRequest> started = new CopyOnWriteArrayList<>();

        @Override
        public boolean handles(String resource) {
            return resource.endsWith(".waitForTaskToken");
        }

        @Override
        public void start(TaskRequest request, TaskCallback callback) {
            started.add(request);
            callback.started("worker-1");
        }
    }

    @Test
    void a_restarted_engine_resumes_waits_tasks_and_retries_where_they_stood() {
        StateMachine sm = machine("""
                {"StartAt":"W","States":{
                  "W":{"Type":"Wait","Seconds":10,"Next":"Call"},
                  "Call":{"Type":"Task","Resource":"arn:aws:states:::test:call.waitForTaskToken",
                          "Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":600,"Next":"Inc"},
                  "Inc":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:inc",
                         "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":5,"MaxAttempts":2}],
                         "End":true}}}""");
        ManualClock clock = new ManualClock();
        Callbacks callbacks = new Callbacks();
        int[] attempts = {0};
        JavaHandlers inc = new JavaHandlers(Runnable::run).register("inc", (in, r) -> {
            attempts[0]++;
            if (attempts[0] == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            return IntNode.valueOf(in.asInt() + 1);
        });
        String waiting;
        String calling;
        String retrying;
        String token;
        // First process: three executions stop at three different points.
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).node(callbacks).node(inc).build()) {
            waiting = engine.start(sm, info("crash", "waiting"), IntNode.valueOf(1));
            engine.runUntilIdle();
            clock.advance(Duration.ofSeconds(5));
            calling = engine.start(sm, info("crash", "calling"), IntNode.valueOf(10));
            retrying = engine.start(sm, info("crash", "retrying"), IntNode.valueOf(100));
            engine.advance(Duration.ofSeconds(11)); // waiting: 16 s in (calls); calling, retrying: 11 s in (call)
            assertThat(callbacks.started).hasSize(3);
            token = callbacks.started.stream().filter(t -> t.executionArn().equals(retrying)).findFirst()
                    .orElseThrow().taskToken();
            assertThat(engine.sendTaskSuccess(token, IntNode.valueOf(100))).isEqualTo(Engine.TokenCheck.ACCEPTED);
            engine.runUntilIdle(); // retrying: Inc failed once, waits 5 s to retry
            assertThat(attempts[0]).isEqualTo(1);
        }
        // The process is gone. A new one over the same store resumes all three.
        clock.advance(Duration.ofSeconds(3));
        try (Engine engine = Engine.builder().manual(clock).store(reopen()).node(callbacks).node(inc).build()) {
            assertThat(engine.recover()).isEqualTo(3);
            engine.runUntilIdle();
            // Tasks already handed out are not handed out again; their tokens still work.
            assertThat(callbacks.started).hasSize(3);
            for (TaskRequest t : callbacks.started) {
                if (!t.executionArn().equals(retrying)) {
                    assertThat(engine.sendTaskSuccess(t.taskToken(), IntNode.valueOf(1000)))
                            .isEqualTo(Engine.TokenCheck.ACCEPTED);
                }
            }
            engine.runUntilIdle();
            engine.advance(Duration.ofSeconds(2)); // the retry's backoff ends 5 s after the failure
            for (String arn : List.of(waiting, calling, retrying)) {
                ExecutionRecord r = engine.describe(arn).orElseThrow();
                assertThat(r.status()).as(arn).isEqualTo(ExecutionStatus.SUCCEEDED);
                List<HistoryEvent> h = engine.store().history(arn);
                assertThat(h).as("ids of " + arn).extracting(HistoryEvent::id)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, h.size()).boxed().toList());
            }
            assertThat(engine.describe(retrying).orElseThrow().output().asInt()).isEqualTo(101);
            assertThat(engine.describe(waiting).orElseThrow().output().asInt()).isEqualTo(1001);
            assertThat(attempts[0]).isEqualTo(4); // retrying: 2 attempts; the two others: 1 each
        }
    }

    private static final String FLAKY = """
            {"StartAt":"Inc","States":{
              "Inc":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:flaky","End":true}}}""";

    /** Fails its first call, then adds one. */
    private static JavaHandlers flaky(int[] calls) {
        return new JavaHandlers(Runnable::run).register("flaky", (in, r) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("first call fails");
            }
            return IntNode.valueOf(in.asInt() + 1);
        });
    }

    @Test
    void a_failed_execution_redriven_runs_again_goes_on_with_its_history_and_is_listed_as_redriven() {
        ManualClock clock = new ManualClock();
        int[] calls = {0};
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).node(flaky(calls)).build()) {
            String arn = engine.start(machine(FLAKY), info("redrive", "e1"), IntNode.valueOf(1));
            String other = engine.start(machine(FLAKY), info("redrive", "e2"), IntNode.valueOf(5));
            engine.runUntilIdle();
            assertThat(engine.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(engine.describe(other).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(engine.redrive(other)).as("a success is not redriven").isEmpty();

            clock.advance(Duration.ofSeconds(30));
            assertThat(engine.redrive(arn)).isPresent();
            assertThat(engine.redrive(arn)).as("it runs again").isEmpty();
            engine.runUntilIdle();
            ExecutionRecord r = engine.store().describe(arn).orElseThrow();
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(r.output().asInt()).isEqualTo(2);
            assertThat(r.redriveCount()).isEqualTo(1);
            assertThat(r.redriveDate()).isEqualTo(clock.instant());
            List<HistoryEvent> h = engine.store().history(arn);
            assertThat(h).extracting(HistoryEvent::id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, h.size()).boxed().toList());
            assertThat(h).extracting(e -> e.type().name()).containsSubsequence("ExecutionFailed",
                    "ExecutionRedriven", "TaskStateEntered", "ExecutionSucceeded");
            String sm = info("redrive", "x").stateMachineArn();
            assertThat(engine.store().list(new ExecutionQuery(sm, null, null, 10, true)))
                    .extracting(e -> e.info().name()).containsExactly("e1");
            assertThat(engine.store().list(new ExecutionQuery(sm, null, null, 10, false)))
                    .extracting(e -> e.info().name()).containsExactly("e2");
        }
    }

    @Test
    void an_execution_that_ended_before_a_restart_is_redriven_from_its_stored_events() {
        ManualClock clock = new ManualClock();
        int[] calls = {0};
        String arn;
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).node(flaky(calls)).build()) {
            arn = engine.start(machine(FLAKY), info("redrive", "stored"), IntNode.valueOf(41));
            engine.runUntilIdle();
            assertThat(engine.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.FAILED);
        }
        try (Engine engine = Engine.builder().manual(clock).store(reopen()).node(flaky(calls)).build()) {
            assertThat(engine.recover()).isZero();
            assertThat(engine.redrive(arn)).isPresent();
            engine.runUntilIdle();
            ExecutionRecord r = engine.store().describe(arn).orElseThrow();
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(r.output().asInt()).isEqualTo(42);
            assertThat(r.redriveCount()).isEqualTo(1);
        }
    }

    private static final String CALLBACK = """
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:states:::test:call.waitForTaskToken","End":true}}}""";

    @Test
    void a_redriven_execution_that_runs_when_its_process_stops_is_resumed_by_the_next() {
        ManualClock clock = new ManualClock();
        Callbacks callbacks = new Callbacks();
        String arn;
        try (Engine engine = Engine.builder().manual(clock).store(newStore()).node(callbacks).build()) {
            arn = engine.start(machine(CALLBACK), info("redrive", "restart"), Json.object());
            engine.runUntilIdle();
            engine.stop(arn, "Stopped", null);
            engine.runUntilIdle();
            assertThat(engine.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(engine.redrive(arn)).isPresent();
            engine.runUntilIdle();
            assertThat(callbacks.started).hasSize(2);
            assertThat(engine.store().describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
        }
        try (Engine engine = Engine.builder().manual(clock).store(reopen()).node(callbacks).build()) {
            assertThat(engine.recover()).isEqualTo(1);
            engine.runUntilIdle();
            assertThat(callbacks.started).as("the task was handed out already").hasSize(2);
            assertThat(engine.sendTaskSuccess(callbacks.started.get(0).taskToken(), Json.object()))
                    .as("the first attempt's token answers nothing").isEqualTo(Engine.TokenCheck.NOT_PENDING);
            assertThat(engine.sendTaskSuccess(callbacks.started.get(1).taskToken(), Json.object().put("ok", 1)))
                    .isEqualTo(Engine.TokenCheck.ACCEPTED);
            engine.runUntilIdle();
            ExecutionRecord r = engine.store().describe(arn).orElseThrow();
            assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(r.redriveCount()).isEqualTo(1);
        }
    }

    @Test
    void a_token_sent_to_another_node_reaches_the_node_that_runs_the_execution() {
        ManualClock clock = new ManualClock();
        Callbacks callbacks = new Callbacks();
        try (Engine a = Engine.builder().manual(clock).store(peer("node-a", Duration.ofSeconds(30))).node(callbacks)
                        .build();
                Engine b = Engine.builder().manual(clock).store(peer("node-b", Duration.ofSeconds(30))).build()) {
            String arn = a.start(machine(CALLBACK), info("shared", "e1"), Json.object());
            a.runUntilIdle();
            String token = callbacks.started.getFirst().taskToken();
            assertThat(b.sendTaskSuccess(token, Json.object().put("via", "b"))).isEqualTo(Engine.TokenCheck.ACCEPTED);
            a.clusterRound();
            a.runUntilIdle();
            assertThat(b.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(b.describe(arn).orElseThrow().output()).isEqualTo(Json.object().put("via", "b"));
            assertThat(b.stop(arn, null, null)).isFalse();
        }
    }

    @Test
    void the_executions_of_a_node_that_stops_renewing_are_taken_over_once_its_leases_run_out() {
        ManualClock clock = new ManualClock();
        Callbacks callbacks = new Callbacks();
        String arn;
        String token;
        try (Engine a = Engine.builder().manual(clock).store(peer("node-a", Duration.ofSeconds(30))).node(callbacks)
                .build()) {
            arn = a.start(machine(CALLBACK), info("shared", "e2"), Json.object());
            a.runUntilIdle();
            token = callbacks.started.getFirst().taskToken();
        } // node a is gone without a word
        try (Engine b = Engine.builder().manual(clock).store(peer("node-b", Duration.ofSeconds(30))).node(callbacks)
                .build()) {
            clock.advance(Duration.ofSeconds(10));
            b.clusterRound();
            assertThat(b.live(arn)).as("still leased to node a").isEmpty();
            clock.advance(Duration.ofSeconds(25));
            b.clusterRound();
            assertThat(b.live(arn)).as("taken over").isPresent();
            b.runUntilIdle();
            assertThat(callbacks.started).as("the callback was not sent again").hasSize(1);
            assertThat(b.sendTaskSuccess(token, Json.object())).isEqualTo(Engine.TokenCheck.ACCEPTED);
            b.runUntilIdle();
            assertThat(b.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }
}
