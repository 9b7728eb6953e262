package io.conflux.engine.nodes.activities;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.conflux.engine.spi.IntegrationPattern;
import io.conflux.engine.spi.TaskCallback;
import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ActivityNodeTest {
    static final String ARN = "arn:aws:states:us-east-1:123456789012:activity:work";

    final List<String> reports = new CopyOnWriteArrayList<>();
    final ActivityNode node = new ActivityNode(ARN::equals);

    TaskCallback callback(String id) {
        return new TaskCallback() {
            @Override
            public void started(String workerName) {
                reports.add(id + " started by " + workerName);
            }

            @Override
            public void submitted(JsonNode response) {}

            @Override
            public void succeeded(JsonNode output) {}

            @Override
            public void failed(String error, String cause) {
                reports.add(id + " failed " + error + ": " + cause);
            }

            @Override
            public void heartbeat() {}
        };
    }

    static TaskRequest request(String resource, String token, int input) {
        return new TaskRequest("arn:aws:states:us-east-1:123456789012:execution:sm:e", "Work", resource,
                IntegrationPattern.REQUEST_RESPONSE, IntNode.valueOf(input), token, null, null, null);
    }

    @Test
    void handles_activity_arns_only() {
        assertThat(node.handles(ARN)).isTrue();
        assertThat(node.handles(ARN + ".sync")).isFalse();
        assertThat(node.handles("arn:aws:states:::activity:x")).isTrue();
        assertThat(node.handles("arn:aws:states:us-east-1:123456789012:stateMachine:x")).isFalse();
        assertThat(node.handles("arn:aws:lambda:us-east-1:123456789012:function:f")).isFalse();
    }

    @Test
    void tasks_are_taken_oldest_first_and_reported_started_by_the_worker() throws Exception {
        node.start(request(ARN, "t1", 1), callback("t1"));
        node.start(request(ARN, "t2", 2), callback("t2"));
        assertThat(node.queued(ARN)).isEqualTo(2);
        ActivityTask first = node.poll(ARN, "w", Duration.ofMillis(10)).orElseThrow();
        assertThat(first.taskToken()).isEqualTo("t1");
        assertThat(first.input()).isEqualTo(IntNode.valueOf(1));
        assertThat(reports).containsExactly("t1 started by w");
        assertThat(node.poll(ARN, null, Duration.ofMillis(10)).orElseThrow().taskToken()).isEqualTo("t2");
        assertThat(node.poll(ARN, null, Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void a_waiting_poll_gets_the_next_task_as_soon_as_it_starts() throws Exception {
        CompletableFuture<Optional<ActivityTask>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return node.poll(ARN, "w", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        node.start(request(ARN, "t", 3), callback("t"));
        assertThat(poll.get(2, TimeUnit.SECONDS)).get().extracting(ActivityTask::taskToken).isEqualTo("t");
        assertThat(node.queued(ARN)).isZero();
    }

    @Test
    void a_cancelled_task_is_no_longer_offered() throws Exception {
        node.start(request(ARN, "t", 1), callback("t"));
        node.cancel("t");
        assertThat(node.poll(ARN, "w", Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void a_task_for_a_missing_activity_fails_with_states_runtime() {
        String other = "arn:aws:states:us-east-1:123456789012:activity:other";
        node.start(request(other, "t", 1), callback("t"));
        assertThat(reports).containsExactly("t failed States.Runtime: The activity " + other + " does not exist.");
    }

    @Test
    void close_answers_waiting_polls_empty() throws Exception {
        CompletableFuture<Optional<ActivityTask>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return node.poll(ARN, "w", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        node.close();
        assertThat(poll.get(2, TimeUnit.SECONDS)).isEmpty();
        assertThat(node.poll(ARN, "w", Duration.ofSeconds(30))).isEmpty();
    }
}
