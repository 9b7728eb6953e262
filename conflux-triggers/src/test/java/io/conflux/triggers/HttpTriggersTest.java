package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP triggers and S3 event notifications, over real HTTP requests. */
class HttpTriggersTest {
    private TestNode node;
    private String machine;

    @BeforeEach
    void start() throws Exception {
        node = TestNode.manual(b -> {});
        machine = node.createStateMachine("orders");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private TestNode.Response post(String trigger, String body) throws Exception {
        return node.rest("POST", "/triggers/" + trigger, body);
    }

    @Test
    void a_request_starts_one_execution_with_the_body_as_input() throws Exception {
        node.putTrigger("new-order", """
                {"type": "http", "stateMachine": "orders"}""");
        TestNode.Response r = post("new-order", "{\"id\": 1}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String arn = r.json().path("executionArn").asText();
        assertThat(arn).startsWith("arn:aws:states:us-east-1:123456789012:execution:orders:new-order-");
        assertThat(node.input(arn)).isEqualTo(Json.parse("{\"id\": 1}"));
        assertThat(post("new-order", "{\"id\": 2}").status()).isEqualTo(202);
        assertThat(node.executions(machine)).hasSize(2);
        assertThat(node.events("new-order")).extracting(e -> e.path("status").asText())
                .containsExactly("STARTED", "STARTED");
    }

    @Test
    void selected_headers_come_with_the_body_and_a_template_shapes_the_input() throws Exception {
        node.putTrigger("with-headers", """
                {"type": "http", "stateMachine": "orders", "headers": ["X-User"]}""");
        TestNode.Response r = node.rest("POST", "/triggers/with-headers", "{\"id\": 3}",
                Map.of("X-User", "ann", "X-Other", "no"));
        assertThat(node.input(r.json().path("executionArn").asText()))
                .isEqualTo(Json.parse("{\"body\": {\"id\": 3}, \"headers\": {\"x-user\": \"ann\"}}"));
        node.putTrigger("templated", """
                {"type": "http", "stateMachine": "orders",
                 "inputTemplate": {"order.$": "$.body.id", "mode.$": "$.query.mode", "trigger.$": "$$.Trigger.Name",
                                   "text.$": "States.Format('order {}', $.body.id)"}}""");
        TestNode.Response t = post("templated?mode=fast", "{\"id\": 4}");
        assertThat(node.input(t.json().path("executionArn").asText())).isEqualTo(Json.parse(
                "{\"order\": 4, \"mode\": \"fast\", \"trigger\": \"templated\", \"text\": \"order 4\"}"));
        TestNode.Response bad = post("templated", "{\"id\": 5}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("message").asText()).startsWith("The input template failed: States.Runtime");
    }

    @Test
    void a_bearer_token_guards_the_trigger() throws Exception {
        node.putTrigger("guarded", """
                {"type": "http", "stateMachine": "orders", "bearerToken": "s3cret"}""");
        assertThat(post("guarded", "{}").status()).isEqualTo(401);
        assertThat(node.rest("POST", "/triggers/guarded", "{}", Map.of("Authorization", "Bearer nope")).status())
                .isEqualTo(401);
        TestNode.Response ok = node.rest("POST", "/triggers/guarded", "{}", Map.of("Authorization", "Bearer s3cret"));
        assertThat(ok.status()).isEqualTo(202);
        assertThat(node.executions(machine)).hasSize(1);
    }

    @Test
    void a_sync_trigger_answers_with_the_express_executions_result() throws Exception {
        node.createStateMachine("quick", """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"},
                 "End": true}}}""", "EXPRESS");
        node.putTrigger("quick", """
                {"type": "http", "stateMachine": "quick", "mode": "SYNC"}""");
        TestNode.Response r = post("quick", "{\"n\": 21}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(Json.parse(r.json().path("output").asText())).isEqualTo(Json.parse("{\"doubled\": 42}"));
        assertThat(node.events("quick").get(0).path("status").asText()).isEqualTo("STARTED");
    }

    @Test
    void an_event_no_filter_matches_is_recorded_with_the_reason() throws Exception {
        node.putTrigger("big-orders", """
                {"type": "http", "stateMachine": "orders", "filter": {"body": {"total": [{"numeric": [">=", 100]}]}}}""");
        assertThat(post("big-orders", "{\"total\": 250}").status()).isEqualTo(202);
        TestNode.Response small = post("big-orders", "{\"total\": 5}");
        assertThat(small.status()).isEqualTo(422);
        assertThat(small.json().path("message").asText()).startsWith("The event matches no filter of trigger big-orders");
        assertThat(node.executions(machine)).hasSize(1);
        JsonNode recorded = node.events("big-orders").get(0);
        assertThat(recorded.path("status").asText()).isEqualTo("NO_MATCH");
        assertThat(recorded.path("event").asText()).contains("\"total\":5");
        assertThat(node.trigger("big-orders").path("counters").path("NO_MATCH").asInt()).isEqualTo(1);
    }

    @Test
    void a_malformed_body_is_recorded_and_refused() throws Exception {
        node.putTrigger("strict", """
                {"type": "http", "stateMachine": "orders"}""");
        TestNode.Response r = post("strict", "{not json");
        assertThat(r.status()).isEqualTo(422);
        JsonNode recorded = node.events("strict").get(0);
        assertThat(recorded.path("status").asText()).isEqualTo("REFUSED");
        assertThat(recorded.path("reason").asText()).startsWith("Malformed event: the request body is not JSON");
        assertThat(recorded.path("event").asText()).isEqualTo("{not json");
    }

    @Test
    void a_trigger_whose_state_machine_was_deleted_records_why_it_started_nothing() throws Exception {
        node.putTrigger("orphan", """
                {"type": "http", "stateMachine": "orders"}""");
        node.deleteStateMachine(machine);
        TestNode.Response r = post("orphan", "{}");
        assertThat(r.status()).isEqualTo(502);
        JsonNode recorded = node.events("orphan").get(0);
        assertThat(recorded.path("status").asText()).isEqualTo("FAILED");
        assertThat(recorded.path("reason").asText()).contains("StateMachineDoesNotExist");
    }

    @Test
    void an_idempotency_key_makes_a_repeated_request_start_one_execution() throws Exception {
        node.putTrigger("once", """
                {"type": "http", "stateMachine": "orders"}""");
        TestNode.Response first = node.rest("POST", "/triggers/once", "{}", Map.of("Idempotency-Key", "k-1"));
        TestNode.Response again = node.rest("POST", "/triggers/once", "{}", Map.of("Idempotency-Key", "k-1"));
        assertThat(again.json().path("executionArn")).isEqualTo(first.json().path("executionArn"));
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(node.executions(machine)).hasSize(1);
        assertThat(node.events("once").get(0).path("deliveries").asInt()).isEqualTo(2);
    }

    @Test
    void requests_to_missing_disabled_or_non_http_triggers_say_why(@TempDir Path dir) throws Exception {
        assertThat(post("nothing", "{}").status()).isEqualTo(404);
        node.putTrigger("off", """
                {"type": "http", "stateMachine": "orders", "state": "DISABLED"}""");
        TestNode.Response off = post("off", "{}");
        assertThat(off.status()).isEqualTo(409);
        assertThat(off.json().path("message").asText()).isEqualTo("Trigger off is disabled");
        node.putTrigger("files", "{\"type\": \"folder\", \"stateMachine\": \"orders\", \"path\": "
                + Json.NODES.textNode(dir.toString()) + "}");
        TestNode.Response files = post("files", "{}");
        assertThat(files.status()).as(files.body()).isEqualTo(400);
        assertThat(files.json().path("message").asText())
                .isEqualTo("Trigger files is of type folder; only http and s3 triggers take requests");
    }

    @Test
    void the_api_lists_describes_updates_and_deletes_triggers() throws Exception {
        TestNode.Response bad = node.rest("PUT", "/conflux/v1/triggers/t", """
                {"type": "carrier-pigeon", "filter": {"a": "b"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("problems")).extracting(JsonNode::asText).contains(
                "type: expected one of [amqp, execution, folder, http, s3], but got 'carrier-pigeon'",
                "stateMachine: required",
                "filter: /a: expected an array of values to match or a nested pattern, but got \"b\"");
        node.putTrigger("t", """
                {"type": "http", "stateMachine": "orders", "description": "first"}""");
        node.putTrigger("t", """
                {"type": "http", "stateMachine": "orders", "description": "second"}""");
        JsonNode d = node.trigger("t");
        assertThat(d.path("description").asText()).isEqualTo("second");
        assertThat(d.path("running").asBoolean()).isTrue();
        List<JsonNode> list = List.copyOf(List.of(node.rest("GET", "/conflux/v1/triggers", null).json()
                .path("triggers").get(0)));
        assertThat(list.get(0).path("type").asText()).isEqualTo("http");
        assertThat(node.rest("DELETE", "/conflux/v1/triggers/t", null).status()).isEqualTo(200);
        assertThat(post("t", "{}").status()).isEqualTo(404);
    }

    @Test
    void s3_event_notifications_start_one_execution_per_record_even_when_sent_again() throws Exception {
        node.putTrigger("uploads", """
                {"type": "s3", "stateMachine": "orders", "bearerToken": "minio-token",
                 "filter": {"s3": {"object": {"key": [{"suffix": ".png"}]}}}}""");
        String notification = """
                {"EventName": "s3:ObjectCreated:Put", "Key": "photos/cat.png", "Records": [
                 %s, %s, %s]}""".formatted(record("cat.png", "17C4D1F6A1B2C3D4"), record("dog.png", "17C4D1F6A1B2C3D5"),
                record("notes.txt", "17C4D1F6A1B2C3D6"));
        // MinIO sends its auth_token as "Bearer <token>"
        Map<String, String> auth = Map.of("Authorization", "Bearer minio-token");
        TestNode.Response r = node.rest("POST", "/triggers/uploads", notification, auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("results").get(2).path("refused").asText()).startsWith("The event matches no filter");
        assertThat(node.executions(machine)).hasSize(2);
        JsonNode input = node.input(r.json().path("results").get(0).path("executionArn").asText());
        assertThat(input.path("s3").path("object").path("key").asText()).isEqualTo("cat.png");
        assertThat(input.path("eventName").asText()).isEqualTo("s3:ObjectCreated:Put");
        // the store retries the notification: nothing new starts
        assertThat(node.rest("POST", "/triggers/uploads", notification, auth).status()).isEqualTo(200);
        assertThat(node.executions(machine)).hasSize(2);
        assertThat(node.rest("POST", "/triggers/uploads", notification, Map.of()).status()).isEqualTo(401);
        TestNode.Response broken = node.rest("POST", "/triggers/uploads", "{\"Records\": [{\"s3\": {}}]}", auth);
        assertThat(broken.json().path("results").get(0).path("refused").asText())
                .startsWith("Malformed event: expected an S3 event record");
    }

    private static String record(String key, String sequencer) {
        return """
                {"eventVersion": "2.0", "eventSource": "minio:s3", "awsRegion": "", "eventTime": "2026-01-01T10:00:00.000Z",
                 "eventName": "s3:ObjectCreated:Put", "userIdentity": {"principalId": "minioadmin"},
                 "requestParameters": {"principalId": "minioadmin", "region": "", "sourceIPAddress": "127.0.0.1"},
                 "responseElements": {"x-amz-request-id": "17C4D1F6A1B2C3D4", "x-minio-origin-endpoint": "http://127.0.0.1:9000"},
                 "s3": {"s3SchemaVersion": "1.0", "configurationId": "Config",
                        "bucket": {"name": "photos", "ownerIdentity": {"principalId": "minioadmin"}, "arn": "arn:aws:s3:::photos"},
                        "object": {"key": "%s", "size": 2048, "eTag": "d41d8cd98f00b204e9800998ecf8427e",
                                   "contentType": "image/png", "userMetadata": {"content-type": "image/png"},
                                   "sequencer": "%s"}},
                 "source": {"host": "127.0.0.1", "port": "", "userAgent": "MinIO (linux; amd64) minio-go/v7.0.70"}}"""
                .formatted(key, sequencer);
    }
}
