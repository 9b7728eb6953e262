package io.conflux.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.conflux.asl.Asl;
import io.conflux.asl.ParseResult;
import io.conflux.asl.expr.Json;
import io.conflux.asl.model.StateMachine;
import io.conflux.engine.history.EventType;
import io.conflux.engine.history.HistoryEvent;
import io.conflux.engine.interpreter.ExecutionInfo;
import io.conflux.engine.interpreter.ExecutionStatus;
import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.engine.nodes.TaskFailure;
import io.conflux.engine.spi.ProcessingNode;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import io.conflux.engine.store.ExecutionRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineTest {

    static StateMachine machine(String json) {
        ParseResult r = Asl.parse(json);
        assertThat(r.diagnostics()).isEmpty();
        return r.machine();
    }

    static ExecutionInfo info(String name) {
        return ExecutionInfo.local("test", name);
    }

    static List<EventType> types(List<HistoryEvent> events) {
        return events.stream().map(HistoryEvent::type).toList();
    }

    /** Records tasks and lets the test answer them. */
    static final class Recorder implements ProcessingNode {
        final LinkedBlockingQueue<TaskRequest> requests = new LinkedBlockingQueue<>();
        final List<TaskCallback> callbacks = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();

        @Override
        public boolean handles(String resource) {
            return resource.startsWith("arn:aws:states:::test:");
        }

        @Override
        public void start(TaskRequest request, TaskCallback callback) {
            callbacks.add(callback);
            requests.add(request);
        }

        @Override
        public void cancel(String taskToken) {
            cancelled.add(taskToken);
        }
    }

    @Test
    void a_chain_of_java_handlers_runs_on_virtual_threads_to_the_end() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:inc","Next":"B"},
                  "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:inc","End":true}}}""");
        JavaHandlers handlers = new JavaHandlers().register("inc", (in, r) -> IntNode.valueOf(in.asInt() + 1));
        try (Engine engine = Engine.builder().node(handlers).build()) {
            String arn = engine.start(sm, info("e1"), IntNode.valueOf(40));
            ExecutionRecord s = engine.await(arn, Duration.ofSeconds(10));
            assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(s.output().asInt()).isEqualTo(42);
            assertThat(types(engine.history(arn))).containsSubsequence(EventType.TaskStateEntered,
                    EventType.LambdaFunctionScheduled, EventType.LambdaFunctionStarted,
                    EventType.LambdaFunctionSucceeded, EventType.TaskStateExited, EventType.ExecutionSucceeded);
        }
    }

    @Test
    void handler_errors_are_caught_by_their_names() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{
                  "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:boom",
                       "Catch":[{"ErrorEquals":["Inventory.OutOfStock"],"ResultPath":"$.err","Next":"B"}],"End":true},
                  "B":{"Type":"Pass","End":true}}}""");
        JavaHandlers handlers = new JavaHandlers().register("boom", (in, r) -> {
            throw new TaskFailure("Inventory.OutOfStock", "no tea left");
        });
        try (Engine engine = Engine.builder().node(handlers).build()) {
            String arn = engine.start(sm, info("e1"), Json.object());
            ExecutionRecord s = engine.await(arn, Duration.ofSeconds(10));
            assertThat(s.output()).isEqualTo(Json.parse(
                    "{\"err\":{\"Error\":\"Inventory.OutOfStock\",\"Cause\":\"no tea left\"}}"));
        }
    }

    @Test
    void an_unexpected_exception_fails_the_task_with_a_lambda_shaped_cause() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:npe",
                 "End":true}}}""");
        JavaHandlers handlers = new JavaHandlers().register("npe", (in, r) -> {
            throw new IllegalArgumentException("bad input");
        });
        try (Engine engine = Engine.builder().node(handlers).build()) {
            ExecutionRecord s = engine.await(engine.start(sm, info("e1"), Json.object()), Duration.ofSeconds(10));
            assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(s.error()).isEqualTo("IllegalArgumentException");
            JsonNode cause = Json.parse(s.cause());
            assertThat(cause.get("errorMessage").asText()).isEqualTo("bad input");
            assertThat(cause.get("errorType").asText()).isEqualTo("IllegalArgumentException");
            assertThat(cause.get("stackTrace").isArray()).isTrue();
        }
    }

    @Test
    void a_task_without_a_processing_node_fails_with_a_message_that_says_so() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:nope",
                 "End":true}}}""");
        try (Engine engine = Engine.builder().build()) {
            ExecutionRecord s = engine.await(engine.start(sm, info("e1"), Json.object()), Duration.ofSeconds(10));
            assertThat(s.error()).isEqualTo("States.TaskFailed");
            assertThat(s.cause()).contains("No processing node runs the resource 'arn:aws:lambda:us-east-1:1:"
                    + "function:nope'");
        }
    }

    @Test
    void a_callback_completes_the_task_through_its_token_once() throws Exception {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::test:call.waitForTaskToken",
                 "Parameters":{"token.$":"$$.Task.Token"},"End":true}}}""");
        Recorder node = new Recorder();
        try (Engine engine = Engine.builder().node(node).build()) {
            String arn = engine.start(sm, info("e1"), Json.object());
            TaskRequest r = node.requests.poll(10, TimeUnit.SECONDS);
            assertThat(r.input().get("token").asText()).isEqualTo(r.taskToken());
            assertThat(engine.sendTaskSuccess("not-a-token", Json.object())).isEqualTo(Engine.TokenCheck.INVALID);
            assertThat(engine.sendTaskSuccess(r.taskToken(), Json.object().put("ok", true)))
                    .isEqualTo(Engine.TokenCheck.ACCEPTED);
            ExecutionRecord s = engine.await(arn, Duration.ofSeconds(10));
            assertThat(s.output()).isEqualTo(Json.parse("{\"ok\":true}"));
            assertThat(engine.sendTaskSuccess(r.taskToken(), Json.object()))
                    .isEqualTo(Engine.TokenCheck.NOT_PENDING);
        }
    }

    @Test
    void in_manual_mode_a_wait_ends_only_when_the_clock_reaches_it() {
        StateMachine sm = machine("""
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}""");
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).build()) {
            String arn = engine.start(sm, info("e1"), Json.object());
            engine.runUntilIdle();
            engine.advance(Duration.ofSeconds(9));
            assertThat(engine.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
            engine.advance(Duration.ofSeconds(1));
            ExecutionRecord s = engine.describe(arn).orElseThrow();
            assertThat(s.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(s.stopTime()).isEqualTo(s.startTime().plusSeconds(10));
        }
    }

    @Test
    void a_silent_task_times_out_by_its_heartbeat_and_the_node_is_told_to_cancel() {
        StateMachine sm = machine("""
                {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::test:call.waitForTaskToken",
                 "HeartbeatSeconds":5,"TimeoutSeconds":60,"End":true}}}""");
        Recorder node = new Recorder();
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).node(node).build()) {
            String arn = engine.start(sm, info("e1"), Json.object());
            engine.runUntilIdle();
            TaskRequest r = node.requests.poll();
            engine.advance(Duration.ofSeconds(4));
            assertThat(engine.sendTaskHeartbeat(r.taskToken())).isEqualTo(Engine.TokenCheck.ACCEPTED);
            engine.advance(Duration.ofSeconds(4)); // 8 s after the start, 4 s after the heartbeat
            assertThat(engine.describe(arn).orElseThrow().status()).isEqualTo(ExecutionStatus.RUNNING);
            engine.advance(Duration.ofSeconds(1)); // 5 s after the heartbeat
            ExecutionRecord s = engine.describe(arn).orElseThrow();
            assertThat(s.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(s.error()).isEqualTo("States.HeartbeatTimeout");
            assertThat(node.cancelled).containsExactly(r.taskToken());
            assertThat(engine.sendTaskSuccess(r.taskToken(), Json.object()))
                    .isEqualTo(Engine.TokenCheck.NOT_PENDING);
        }
    }

    @Test
    void stop_aborts_the_execution_and_cancels_its_tasks() {
        StateMachine sm = machine("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::test:a","End":true}}},
                  {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:::test:b","End":true}}}]}}}""");
        Recorder node = new Recorder();
        ManualClock clock = new ManualClock();
        try (Engine engine = Engine.builder().manual(clock).node(node).build()) {
            String arn = engine.start(sm, info("e1"), Json.object());
            engine.runUntilIdle();
            assertThat(node.requests).hasSize(2);
            engine.stop(arn, "Operator", "stopped by hand");
            engine.runUntilIdle();
            ExecutionRecord s = engine.describe(arn).orElseThrow();
            assertThat(s.status()).isEqualTo(ExecutionStatus.ABORTED);
            assertThat(s.error()).isEqualTo("Operator");
            assertThat(node.cancelled).hasSize(2);
            assertThat(types(engine.history(arn))).endsWith(EventType.ExecutionAborted);
        }
    }

    @Test
    void executions_with_the_same_name_are_refused() {
        StateMachine sm = machine("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}");
        try (Engine engine = Engine.builder().manual(new ManualClock()).build()) {
            engine.start(sm, info("same"), Json.object());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.start(sm, info("same"), Json.object()))
                    .hasMessageContaining("exists already");
        }
    }
}
