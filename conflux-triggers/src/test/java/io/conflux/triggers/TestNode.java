package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import io.conflux.server.ConfluxServer;
import io.conflux.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A server with the triggers extension, started in process on a free port, and a plain HTTP client for its AWS JSON
 * API and its REST API.
 */
final class TestNode implements AutoCloseable {
    static final String ROLE = "arn:aws:iam::123456789012:role/conflux-tests";
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    final ConfluxServer server;
    final TriggersExtension triggers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private TestNode(Consumer<ServerConfig.Builder> custom, TriggersExtension triggers) {
        this.triggers = triggers;
        ServerConfig.Builder b = ServerConfig.builder().port(0).extension(triggers);
        custom.accept(b);
        this.server = ConfluxServer.start(b.build());
    }

    static TestNode start(Consumer<ServerConfig.Builder> custom, TriggersExtension triggers) {
        return new TestNode(custom, triggers);
    }

    /** A server whose schedules move only when the test ticks. */
    static TestNode manual(Consumer<ServerConfig.Builder> custom) {
        return new TestNode(custom, TriggersExtension.builder().pollInterval(Duration.ZERO).build());
    }

    String endpoint() {
        return server.endpoint();
    }

    /** Calls an operation of the Step Functions API; fails the test on an error. */
    JsonNode sfn(String operation, ObjectNode input) throws Exception {
        Response r = send(HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(input))).build());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String createStateMachine(String name, String definition, String type) throws Exception {
        return sfn("CreateStateMachine", Json.object().put("name", name).put("definition", definition)
                .put("roleArn", ROLE).put("type", type)).path("stateMachineArn").asText();
    }

    String createStateMachine(String name) throws Exception {
        return createStateMachine(name, PASS, "STANDARD");
    }

    void deleteStateMachine(String arn) throws Exception {
        sfn("DeleteStateMachine", Json.object().put("stateMachineArn", arn));
    }

    /** Every execution of a state machine, newest first. */
    List<JsonNode> executions(String stateMachineArn) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        sfn("ListExecutions", Json.object().put("stateMachineArn", stateMachineArn).put("maxResults", 1000))
                .path("executions").forEach(out::add);
        return out;
    }

    JsonNode describeExecution(String arn) throws Exception {
        return sfn("DescribeExecution", Json.object().put("executionArn", arn));
    }

    /** The input an execution started with, parsed. */
    JsonNode input(String executionArn) throws Exception {
        return Json.parse(describeExecution(executionArn).path("input").asText());
    }

    Response rest(String method, String path, String body) throws Exception {
        return rest(method, path, body, Map.of());
    }

    Response rest(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    /** PUTs a schedule (YAML-like JSON text) and checks it was accepted. */
    JsonNode putSchedule(String name, String definition) throws Exception {
        Response r = rest("PUT", "/conflux/v1/schedules/" + name, definition);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    JsonNode putTrigger(String name, String definition) throws Exception {
        Response r = rest("PUT", "/conflux/v1/triggers/" + name, definition);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    JsonNode schedule(String name) throws Exception {
        Response r = rest("GET", "/conflux/v1/schedules/" + name, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    JsonNode trigger(String name) throws Exception {
        Response r = rest("GET", "/conflux/v1/triggers/" + name, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A trigger's recorded events, newest first. */
    List<JsonNode> events(String trigger) throws Exception {
        Response r = rest("GET", "/conflux/v1/triggers/" + trigger + "/events?limit=1000", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("events").forEach(out::add);
        return out;
    }

    List<JsonNode> fires(String schedule) throws Exception {
        Response r = rest("GET", "/conflux/v1/schedules/" + schedule + "/fires?limit=1000", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("fires").forEach(out::add);
        return out;
    }

    Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r.headers().map());
    }

    record Response(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() throws Exception {
            return Json.parse(body);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
