package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.asl.expr.Json;
import io.conflux.engine.nodes.JavaHandlers;
import io.conflux.engine.nodes.TaskFailure;
import io.conflux.store.jdbc.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveFilter;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.RedriveExecutionResponse;

/** RedriveExecution through the AWS SDK for Java v2, with DescribeExecution, ListExecutions and the history. */
class RedriveExecutionTest {
    /** Functions that fail their first call for a key (the input's "key"), then answer. */
    private static final class Flaky {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final JavaHandlers handlers = new JavaHandlers().register("flaky", (in, r) -> {
            String key = in.path("key").asText();
            if (calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1) {
                throw new TaskFailure("Flaky.Failed", "first call for " + key);
            }
            return Json.NODES.textNode("done " + key);
        });

        int calls(String key) {
            return calls.getOrDefault(key, new AtomicInteger()).get();
        }
    }

    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:flaky";

    private static final String TWO_STEPS = "{\"StartAt\":\"First\",\"States\":{"
            + "\"First\":{\"Type\":\"Pass\",\"Parameters\":{\"key.$\":\"$$.Execution.Name\"},\"Next\":\"Call\"},"
            + "\"Call\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "\",\"End\":true}}}";

    @Test
    void a_failed_execution_redriven_runs_its_failed_state_again_and_tells_so_everywhere() {
        Flaky flaky = new Flaky();
        try (TestServer t = TestServer.start(b -> b.node(flaky.handlers))) {
            String sm = t.create("redrive-basic", TWO_STEPS);
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("once")).executionArn();
            String other = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("never")).executionArn();
            DescribeExecutionResponse failed = t.awaitEnd(arn);
            t.awaitEnd(other);
            assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
            assertThat(failed.redriveStatusReason()).isNull();
            assertThat(failed.redriveCount()).isZero();

            RedriveExecutionResponse r = t.sfn.redriveExecution(b -> b.executionArn(arn));
            assertThat(r.redriveDate()).isNotNull();
            DescribeExecutionResponse done = t.awaitEnd(arn);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("\"done once\"");
            assertThat(done.redriveCount()).isEqualTo(1);
            assertThat(done.redriveDate()).isEqualTo(r.redriveDate());
            assertThat(done.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(done.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
            assertThat(flaky.calls("once")).isEqualTo(2);
            assertThat(flaky.calls("never")).isEqualTo(1);

            List<HistoryEvent> history = t.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
            assertThat(history).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.EXECUTION_FAILED,
                    HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.TASK_STATE_ENTERED,
                    HistoryEventType.EXECUTION_SUCCEEDED);
            assertThat(history.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED)).hasSize(1);
            HistoryEvent redriven = history.stream().filter(e -> e.type() == HistoryEventType.EXECUTION_REDRIVEN)
                    .findFirst().orElseThrow();
            assertThat(redriven.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);

            List<ExecutionListItem> redrivenOnes = t.sfn.listExecutions(b -> b.stateMachineArn(sm)
                    .redriveFilter(ExecutionRedriveFilter.REDRIVEN)).executions();
            assertThat(redrivenOnes).extracting(ExecutionListItem::name).containsExactly("once");
            assertThat(redrivenOnes.get(0).redriveCount()).isEqualTo(1);
            assertThat(redrivenOnes.get(0).redriveDate()).isEqualTo(r.redriveDate());
            assertThat(t.sfn.listExecutions(b -> b.stateMachineArn(sm)
                    .redriveFilter(ExecutionRedriveFilter.NOT_REDRIVEN)).executions())
                    .extracting(ExecutionListItem::name).containsExactly("never");
        }
    }

    @Test
    void only_an_execution_that_ended_unsuccessfully_can_be_redriven() {
        try (TestServer t = TestServer.start()) {
            String sm = t.create("redrive-rules", "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\","
                    + "\"Seconds\":60,\"End\":true}}}");
            String running = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
            assertThatThrownBy(() -> t.sfn.redriveExecution(b -> b.executionArn(running)))
                    .isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessageStartingWith("Execution is RUNNING and cannot be redriven");
            String missing = running.replaceAll(":[^:]+$", ":nobody");
            assertThatThrownBy(() -> t.sfn.redriveExecution(b -> b.executionArn(missing)))
                    .isInstanceOf(ExecutionDoesNotExistException.class);
            t.sfn.stopExecution(b -> b.executionArn(running));
            t.awaitEnd(running);
            RedriveExecutionResponse r = t.sfn.redriveExecution(b -> b.executionArn(running));
            assertThat(r.redriveDate()).isNotNull();
            assertThat(t.sfn.describeExecution(b -> b.executionArn(running)).status())
                    .isEqualTo(ExecutionStatus.RUNNING);
        }
    }

    @Test
    void a_retried_request_with_the_same_client_token_redrives_once() {
        Flaky flaky = new Flaky();
        try (TestServer t = TestServer.start(b -> b.node(flaky.handlers))) {
            String sm = t.create("redrive-token", TWO_STEPS);
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
            t.awaitEnd(arn);
            Instant first = t.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("retry-1")).redriveDate();
            Instant again = t.sfn.redriveExecution(b -> b.executionArn(arn).clientToken("retry-1")).redriveDate();
            assertThat(again).isEqualTo(first);
            assertThat(t.awaitEnd(arn).redriveCount()).isEqualTo(1);
        }
    }

    @Test
    void a_parallel_state_redriven_runs_only_its_failed_branch_again() {
        Flaky flaky = new Flaky();
        String definition = "{\"StartAt\":\"Both\",\"States\":{\"Both\":{\"Type\":\"Parallel\",\"Branches\":["
                + "{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"Result\":\"kept\",\"End\":true}}},"
                + "{\"StartAt\":\"Key\",\"States\":{\"Key\":{\"Type\":\"Pass\",\"Result\":{\"key\":\"p\"},"
                + "\"Next\":\"Call\"},\"Call\":{\"Type\":\"Task\",\"Resource\":\"" + FN + "\",\"End\":true}}}],"
                + "\"End\":true}}}";
        try (TestServer t = TestServer.start(b -> b.node(flaky.handlers))) {
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(t.create("redrive-parallel", definition)))
                    .executionArn();
            assertThat(t.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.FAILED);
            t.sfn.redriveExecution(b -> b.executionArn(arn));
            DescribeExecutionResponse done = t.awaitEnd(arn);
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(done.output()).isEqualTo("[\"kept\",\"done p\"]");
            List<HistoryEvent> history = t.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
            assertThat(history.stream().filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED))
                    .as("B and Key ran once, before the redrive").hasSize(2);
        }
    }

    /** A clock that can be moved forward, for the 14-day rule; timers are not involved. */
    private static final class MovableClock extends Clock {
        volatile Duration ahead = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    @Test
    void an_execution_that_ended_more_than_fourteen_days_ago_is_not_redrivable() {
        MovableClock clock = new MovableClock();
        try (TestServer t = TestServer.start(b -> b.clock(clock))) {
            String sm = t.create("redrive-old", "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\"}}}");
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
            assertThat(t.awaitEnd(arn).redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
            clock.ahead = Duration.ofDays(15);
            DescribeExecutionResponse old = t.sfn.describeExecution(b -> b.executionArn(arn));
            assertThat(old.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
            assertThat(old.redriveStatusReason()).isEqualTo("Execution redrivable period exceeded");
            assertThatThrownBy(() -> t.sfn.redriveExecution(b -> b.executionArn(arn)))
                    .isInstanceOf(ExecutionNotRedrivableException.class)
                    .hasMessageStartingWith("Execution redrivable period exceeded");
        }
    }

    @Test
    void a_durable_server_redrives_an_execution_that_failed_before_it_restarted() {
        Flaky flaky = new Flaky();
        Database db = Database.h2InMemory("redrive-" + UUID.randomUUID());
        try {
            String arn;
            try (TestServer t = TestServer.start(b -> b.database(db).node(flaky.handlers))) {
                String sm = t.create("redrive-durable", TWO_STEPS);
                arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("before")).executionArn();
                assertThat(t.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.FAILED);
            }
            try (TestServer t = TestServer.start(b -> b.database(db).node(flaky.handlers))) {
                t.create("redrive-durable", TWO_STEPS); // the registry is not durable yet
                t.sfn.redriveExecution(b -> b.executionArn(arn));
                DescribeExecutionResponse done = t.awaitEnd(arn);
                assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(done.redriveCount()).isEqualTo(1);
                assertThat(t.sfn.getExecutionHistory(b -> b.executionArn(arn)).events())
                        .extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.EXECUTION_FAILED,
                                HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.EXECUTION_SUCCEEDED);
            }
        } finally {
            db.close();
        }
    }
}
