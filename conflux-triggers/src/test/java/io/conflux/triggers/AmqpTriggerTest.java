package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.conflux.asl.expr.Json;
import io.conflux.engine.registry.InMemoryRegistry;
import io.conflux.store.jdbc.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RabbitMQ triggers against the real broker on 127.0.0.1:5672 (guest/guest; .ci/run starts it). */
class AmqpTriggerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path data;

    private final String queue = "conflux-test-" + UUID.randomUUID();
    private final String deadLetters = queue + ".dead-letter";
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(AmqpKind.DEFAULT_URI);
        connection = f.newConnection("conflux-tests");
        channel = connection.createChannel();
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueDeclare(deadLetters, true, false, false, null);
    }

    @AfterEach
    void disconnect() throws Exception {
        AmqpKind.beforeAck = null;
        channel.queueDelete(queue);
        channel.queueDelete(deadLetters);
        connection.close();
    }

    private void publish(String body, String messageId, Map<String, Object> headers) throws Exception {
        AMQP.BasicProperties.Builder p = new AMQP.BasicProperties.Builder().deliveryMode(2)
                .contentType("application/json").headers(headers);
        if (messageId != null) {
            p.messageId(messageId);
        }
        channel.basicPublish("", queue, p.build(), body.getBytes(StandardCharsets.UTF_8));
    }

    private String definition(String extra) {
        return "{\"type\": \"amqp\", \"stateMachine\": \"work\", \"queue\": \"" + queue + "\", \"maxAttempts\": 2, "
                + "\"retryDelayMillis\": 10" + extra + "}";
    }

    private long depth(String q) throws Exception {
        return channel.messageCount(q);
    }

    @Test
    void each_message_starts_one_execution_with_its_properties_and_headers_and_is_acked() throws Exception {
        try (TestNode node = TestNode.manual(b -> {})) {
            String machine = node.createStateMachine("work");
            node.putTrigger("jobs", definition(""));
            publish("{\"job\": 1}", "m-1", Map.of("tenant", "acme", "priority", 5));
            publish("{\"job\": 2}", null, null);
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 2);
            await().atMost(WAIT).until(() -> depth(queue) == 0);
            JsonNode first = node.events("jobs").stream().filter(e -> "m-1".equals(e.path("key").asText()))
                    .findFirst().orElseThrow();
            JsonNode input = node.input(first.path("executionArn").asText());
            assertThat(input.path("body")).isEqualTo(Json.parse("{\"job\": 1}"));
            assertThat(input.path("properties").path("messageId").asText()).isEqualTo("m-1");
            assertThat(input.path("properties").path("contentType").asText()).isEqualTo("application/json");
            assertThat(input.path("headers")).isEqualTo(Json.parse("{\"priority\": 5, \"tenant\": \"acme\"}"));
            assertThat(input.path("queue").asText()).isEqualTo(queue);
            assertThat(depth(deadLetters)).isZero();
        }
    }

    @Test
    void malformed_unmatched_and_unstartable_messages_are_recorded_and_dead_lettered() throws Exception {
        try (TestNode node = TestNode.manual(b -> {})) {
            String machine = node.createStateMachine("work");
            node.putTrigger("jobs", definition(", \"filter\": {\"body\": {\"kind\": [\"job\"]}}"));
            publish("not json at all", "bad", null);
            publish("{\"kind\": \"noise\"}", "noise", null);
            publish("{\"kind\": \"job\"}", "good", null);
            await().atMost(WAIT).until(() -> depth(deadLetters) == 2 && node.executions(machine).size() == 1);
            Map<String, String> reasons = deadLetterReasons(2);
            assertThat(reasons.get("bad")).isEqualTo("Malformed event: the message body is not JSON");
            assertThat(reasons.get("noise")).startsWith("The event matches no filter of trigger jobs");

            node.deleteStateMachine(machine);
            publish("{\"kind\": \"job\"}", "orphan", null);
            await().atMost(WAIT).until(() -> depth(deadLetters) == 1);
            assertThat(deadLetterReasons(1).get("orphan")).startsWith("Gave up after 2 failed starts: StartExecution of")
                    .contains("StateMachineDoesNotExist");
            List<JsonNode> events = node.events("jobs");
            assertThat(events).extracting(e -> e.path("key").asText() + " " + e.path("status").asText())
                    .containsExactly("orphan DEAD_LETTERED", "good STARTED", "noise DEAD_LETTERED",
                            "bad DEAD_LETTERED");
            assertThat(events.get(0).path("attempts").asInt()).isEqualTo(2);
            assertThat(events.get(2).path("reason").asText()).contains("matches no filter")
                    .endsWith("(dead-lettered to " + deadLetters + ")");
            assertThat(depth(queue)).isZero();
        }
    }

    /** Takes dead letters off their queue: message id to the reason Conflux gave. */
    private Map<String, String> deadLetterReasons(int n) throws Exception {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            GetResponse r = channel.basicGet(deadLetters, true);
            assertThat(r).isNotNull();
            assertThat(r.getProps().getHeaders().get("x-original-queue").toString()).isEqualTo(queue);
            out.put(r.getProps().getMessageId(), r.getProps().getHeaders().get("x-conflux-reason").toString());
        }
        return out;
    }

    @Test
    void a_message_redelivered_after_a_crash_between_start_and_ack_starts_one_execution_across_a_restart()
            throws Exception {
        InMemoryRegistry registry = new InMemoryRegistry();
        String machine;
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            machine = node.createStateMachine("work");
            // The worst moment: the execution is durable, the ack never reaches the broker.
            AmqpKind.beforeAck = ch -> {
                ch.getConnection().abort();
                throw new IllegalStateException("crash before the ack");
            };
            node.putTrigger("jobs", definition(""));
            publish("{\"job\": \"with id\"}", "id-1", null);
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 1);
            AmqpKind.beforeAck = null;
        }
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            await().atMost(WAIT).until(() -> depth(queue) == 0 && node.events("jobs").get(0).path("deliveries")
                    .asInt() == 2);
            assertThat(node.executions(machine)).hasSize(1);
            // and a message without an id, redelivered after the same crash, is known by its content
            AmqpKind.beforeAck = ch -> {
                ch.getConnection().abort();
                throw new IllegalStateException("crash before the ack");
            };
            publish("{\"job\": \"without id\"}", null, null);
            await().atMost(WAIT).until(() -> node.executions(machine).size() == 2);
        }
        AmqpKind.beforeAck = null;
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            await().atMost(WAIT).until(() -> depth(queue) == 0);
            await().atMost(WAIT).until(() -> node.events("jobs").get(0).path("deliveries").asInt() == 2);
            assertThat(node.executions(machine)).hasSize(2);
        }
    }

    @Test
    void messages_published_across_a_restart_each_start_exactly_one_execution() throws Exception {
        InMemoryRegistry registry = new InMemoryRegistry();
        String machine;
        int total = 40;
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            machine = node.createStateMachine("work");
            node.putTrigger("jobs", definition(", \"prefetch\": 5"));
            for (int i = 0; i < total / 2; i++) {
                publish("{\"n\": " + i + "}", i % 2 == 0 ? "msg-" + i : null, null);
            }
            await().atMost(WAIT).until(() -> node.executions(machine).size() >= 5);
        }
        for (int i = total / 2; i < total; i++) {
            publish("{\"n\": " + i + "}", i % 2 == 0 ? "msg-" + i : null, null);
        }
        try (Database db = Database.h2(data);
                TestNode node = TestNode.manual(b -> b.database(db).registry(() -> registry))) {
            await().atMost(WAIT).until(() -> depth(queue) == 0 && node.executions(machine).size() >= total);
            Thread.sleep(200);
            List<JsonNode> executions = node.executions(machine);
            assertThat(executions).hasSize(total);
            Set<Integer> numbers = new HashSet<>();
            for (JsonNode e : executions) {
                numbers.add(node.input(e.path("executionArn").asText()).path("body").path("n").asInt());
            }
            assertThat(numbers).hasSize(total);
        }
    }
}
