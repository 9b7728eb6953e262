package io.conflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real server process (SIGKILL) while executions wait on timers, retries and activity workers, starts a new
 * one on the same data, and checks that every execution ends as it would have without the crash: no transition lost
 * or applied twice, event ids 1..n, waits not cut short, tasks handed out before the crash completed with their tokens.
 *
 * <p>A task whose GetActivityTask answer died with the server was handed out (its start is stored before the answer
 * goes) but never reached the worker: as on AWS, its heartbeat times out, and the Retry takes it again.
 */
class CrashRecoveryTest {
    private static final int EXECUTIONS = 40;
    private static final String DEFINITION = """
            {"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Parameters":{"n.$":"$.n"},"Next":"Sleep"},
              "Sleep":{"Type":"Wait","Seconds":2,"Next":"Work"},
              "Work":{"Type":"Task","Resource":"%s","HeartbeatSeconds":10,"TimeoutSeconds":120,
                      "Retry":[{"ErrorEquals":["Flaky","States.HeartbeatTimeout"],"IntervalSeconds":1,
                                "MaxAttempts":3,"BackoffRate":1}],
                      "ResultPath":"$.work","Next":"Done"},
              "Done":{"Type":"Pass","Parameters":{"n.$":"$.n","worked.$":"$.work.worked"},"End":true}}}""";

    @TempDir
    Path data;

    static final List<String> LOG = new ArrayList<>();

    /** A conflux server in its own process. */
    private static final class ServerProcess {
        final Process process;
        final String endpoint;
        final String readyLine;

        ServerProcess(Path data) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "server", "--port", "0", "--data", data.toString())
                    .redirectErrorStream(true);
            pb.environment().put("CONFLUX_LOG_LEVEL", "INFO");
            process = pb.start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            String ready = null;
            while ((line = lines.readLine()) != null) {
                synchronized (LOG) {
                    LOG.add(line);
                }
                if (line.startsWith("conflux server on ")) {
                    ready = line;
                    break;
                }
            }
            if (ready == null) {
                throw new IllegalStateException("The server process ended before it was ready");
            }
            readyLine = ready;
            endpoint = ready.substring("conflux server on ".length(), ready.indexOf(' ', 18));
            Thread.ofVirtual().start(() -> lines.lines().forEach(l -> {
                synchronized (LOG) {
                    LOG.add(l);
                }
            }));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The Step Functions API over raw HTTP, following the server across the restart. */
    private static final class Api {
        final HttpClient http = HttpClient.newHttpClient();
        final AtomicReference<String> endpoint = new AtomicReference<>();

        JsonNode call(String operation, ObjectNode input, Duration timeout) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint.get()))
                    .timeout(timeout)
                    .header("X-Amz-Target", "AWSStepFunctions." + operation)
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(input))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = Json.parse(r.body());
            if (r.statusCode() != 200) {
                throw new ApiError(body.path("__type").asText(), body.path("message").asText());
            }
            return body;
        }

        JsonNode call(String operation, ObjectNode input) throws IOException, InterruptedException {
            return call(operation, input, Duration.ofSeconds(30));
        }

        /** Calls until the server answers (it may be down for a moment). */
        JsonNode retrying(String operation, ObjectNode input) throws InterruptedException {
            for (int attempt = 0; ; attempt++) {
                try {
                    return call(operation, input);
                } catch (IOException e) {
                    if (attempt > 300) {
                        throw new IllegalStateException("The server did not come back", e);
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static final class ApiError extends RuntimeException {
        final String type;

        ApiError(String type, String message) {
            super(type + ": " + message);
            this.type = type;
        }
    }

    @Test
    void a_killed_server_resumes_every_execution_where_it_stood() throws Exception {
        Api api = new Api();
        ServerProcess first = new ServerProcess(data);
        api.endpoint.set(first.endpoint);
        String activity = api.call("CreateActivity", Json.object().put("name", "work")).get("activityArn").asText();
        String sm = api.call("CreateStateMachine", Json.object().put("name", "crash")
                .put("roleArn", "arn:aws:iam::123456789012:role/conflux")
                .put("definition", DEFINITION.formatted(activity))).get("stateMachineArn").asText();

        // A worker: fails the first tasks of some executions (Flaky, retried), holds some tokens across the crash,
        // completes the rest. It follows the server to its new address.
        AtomicBoolean working = new AtomicBoolean(true);
        AtomicBoolean holding = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> held = new ConcurrentLinkedQueue<>();
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        Map<String, List<String>> deliveredWhen = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        Set<String> completed = ConcurrentHashMap.newKeySet();
        CountDownLatch someHeld = new CountDownLatch(2);
        // Like any worker that holds a task, it heartbeats it, also across the crash.
        Thread heartbeats = Thread.ofVirtual().start(() -> {
            while (working.get()) {
                for (String token : held) {
                    try {
                        api.call("SendTaskHeartbeat", Json.object().put("taskToken", token));
                    } catch (IOException | RuntimeException e) {
                        // down for a moment; the next round reaches the new server
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread worker = Thread.ofVirtual().start(() -> {
            while (working.get()) {
                try {
                    JsonNode task = api.call("GetActivityTask", Json.object().put("activityArn", activity)
                            .put("workerName", "w1"), Duration.ofSeconds(70));
                    if (!task.hasNonNull("taskToken")) {
                        continue;
                    }
                    String token = task.get("taskToken").asText();
                    int n = Json.parse(task.get("input").asText()).get("n").asInt();
                    deliveries.merge(token, 1, Integer::sum);
                    deliveredWhen.computeIfAbsent(token, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(Instant.now() + " from " + api.endpoint.get());
                    if (n % 5 == 0 && failed.get() < 10 && !completed.contains("failed-" + n)) {
                        completed.add("failed-" + n);
                        failed.incrementAndGet();
                        api.call("SendTaskFailure", Json.object().put("taskToken", token).put("error", "Flaky"));
                    } else if (n % 7 == 0 && holding.get()) {
                        held.add(token);
                        someHeld.countDown();
                    } else {
                        api.call("SendTaskSuccess", Json.object().put("taskToken", token)
                                .put("output", "{\"worked\":true}"));
                    }
                } catch (IOException e) {
                    try {
                        Thread.sleep(50); // the server is down; the next call goes to the new one
                    } catch (InterruptedException ie) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // TaskDoesNotExist and the like are expected around the crash; the checks below judge
                }
            }
        });

        // Start half the executions, let them get going, then kill the server mid-flight.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            names.add("e" + i);
        }
        for (int i = 0; i < EXECUTIONS / 2; i++) {
            api.call("StartExecution", Json.object().put("stateMachineArn", sm).put("name", names.get(i))
                    .put("input", "{\"n\":" + i + "}"));
        }
        assertThat(someHeld.await(30, TimeUnit.SECONDS)).as("the worker holds tokens").isTrue();
        AtomicReference<Throwable> starterFailed = new AtomicReference<>();
        Thread starter = Thread.ofVirtual().start(() -> {
            for (int i = EXECUTIONS / 2; i < EXECUTIONS; i++) {
                try {
                    api.retrying("StartExecution", Json.object().put("stateMachineArn", sm)
                            .put("name", names.get(i)).put("input", "{\"n\":" + i + "}"));
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    starterFailed.set(e);
                    return;
                }
            }
        });
        Thread.sleep(300);
        Instant killedAt = Instant.now();
        first.kill();

        ServerProcess second = new ServerProcess(data);
        try {
            api.endpoint.set(second.endpoint);
            assertThat(second.readyLine).contains(" resumed");
            // The registry is in the same database: the state machine and the activity are still there.
            api.call("DescribeStateMachine", Json.object().put("stateMachineArn", sm));
            api.call("DescribeActivity", Json.object().put("activityArn", activity));
            starter.join(60_000);
            assertThat(starterFailed.get()).as("starting the rest").isNull();
            // Tokens handed out before the crash still complete their tasks.
            Thread.sleep(1500); // a heartbeat round against the new server first
            holding.set(false);
            List<String> heldLost = new ArrayList<>();
            for (String token : List.copyOf(held)) {
                held.remove(token);
                try {
                    api.call("SendTaskSuccess", Json.object().put("taskToken", token)
                            .put("output", "{\"worked\":true}"));
                } catch (ApiError e) {
                    heldLost.add(e.type + " " + describeToken(api, token, deliveredWhen) + " killed at " + killedAt);
                }
            }
            if (!heldLost.isEmpty()) {
                java.nio.file.Files.write(Path.of("target/crash-server.log"), LOG);
            }
            assertThat(heldLost).as("held tokens that no longer work").isEmpty();
            Instant deadline = Instant.now().plusSeconds(90);
            Map<String, JsonNode> done = new HashMap<>();
            while (done.size() < EXECUTIONS && Instant.now().isBefore(deadline)) {
                for (String name : names) {
                    if (done.containsKey(name)) {
                        continue;
                    }
                    String arn = sm.replace(":stateMachine:", ":execution:") + ":" + name;
                    JsonNode d = api.call("DescribeExecution", Json.object().put("executionArn", arn));
                    if (!d.get("status").asText().equals("RUNNING")) {
                        done.put(name, d);
                    }
                }
                Thread.sleep(200);
            }
            assertThat(done).as("every execution ended").hasSize(EXECUTIONS);
            for (Map.Entry<String, JsonNode> e : done.entrySet()) {
                JsonNode d = e.getValue();
                int n = Integer.parseInt(e.getKey().substring(1));
                assertThat(d.get("status").asText()).as(e.getKey() + " " + d).isEqualTo("SUCCEEDED");
                assertThat(Json.parse(d.get("output").asText())).isEqualTo(Json.parse(
                        "{\"n\":" + n + ",\"worked\":true}"));
                checkHistory(api, d.get("executionArn").asText());
            }
            Map<String, String> twice = new HashMap<>();
            for (Map.Entry<String, Integer> d : deliveries.entrySet()) {
                if (d.getValue() > 1) {
                    String arn = io.conflux.engine.interpreter.Tokens.executionArn(d.getKey());
                    List<String> types = new ArrayList<>();
                    for (JsonNode e : api.call("GetExecutionHistory", Json.object().put("executionArn", arn))
                            .get("events")) {
                        types.add(e.get("id").asText() + ":" + e.get("type").asText() + "@"
                                + e.get("timestamp").asText());
                    }
                    twice.put(arn, deliveredWhen.get(d.getKey()) + " killed at " + killedAt + " history " + types);
                }
            }
            if (!twice.isEmpty()) {
                java.nio.file.Files.write(Path.of("target/crash-server.log"), LOG);
            }
            assertThat(twice).as("tasks handed out twice").isEmpty();
        } finally {
            working.set(false);
            worker.interrupt();
            heartbeats.interrupt();
            second.process.destroy();
            second.process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String describeToken(Api api, String token, Map<String, List<String>> deliveredWhen)
            throws Exception {
        String arn = io.conflux.engine.interpreter.Tokens.executionArn(token);
        List<String> types = new ArrayList<>();
        for (JsonNode e : api.call("GetExecutionHistory", Json.object().put("executionArn", arn)).get("events")) {
            types.add(e.get("id").asText() + ":" + e.get("type").asText() + "@" + e.get("timestamp").asText());
        }
        return arn + " delivered " + deliveredWhen.get(token) + " history " + types;
    }

    /** Ids 1..n, one end, waits of their full length, one schedule per attempt. */
    private static void checkHistory(Api api, String arn) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        String next = null;
        do {
            ObjectNode req = Json.object().put("executionArn", arn).put("maxResults", 1000);
            if (next != null) {
                req.put("nextToken", next);
            }
            JsonNode page = api.call("GetExecutionHistory", req);
            page.get("events").forEach(events::add);
            next = page.hasNonNull("nextToken") ? page.get("nextToken").asText() : null;
        } while (next != null);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("id").asLong()).as(arn + " event ids").isEqualTo(i + 1);
        }
        Map<String, Integer> counts = new HashMap<>();
        double waitEntered = 0;
        double waitExited = 0;
        for (JsonNode e : events) {
            String type = e.get("type").asText();
            counts.merge(type, 1, Integer::sum);
            if (type.equals("WaitStateEntered")) {
                waitEntered = e.get("timestamp").asDouble();
            }
            if (type.equals("WaitStateExited")) {
                waitExited = e.get("timestamp").asDouble();
            }
        }
        assertThat(counts.get("ExecutionSucceeded")).as(arn).isEqualTo(1);
        assertThat(counts.get("WaitStateExited")).as(arn).isEqualTo(1);
        assertThat(waitExited - waitEntered).as(arn + " waited its 2 s").isGreaterThanOrEqualTo(1.999);
        int attempts = counts.getOrDefault("ActivityScheduled", 0);
        int failures = counts.getOrDefault("ActivityFailed", 0) + counts.getOrDefault("ActivityTimedOut", 0);
        assertThat(attempts).as(arn + " one schedule per attempt").isEqualTo(failures + 1);
        assertThat(counts.getOrDefault("ActivitySucceeded", 0)).as(arn).isEqualTo(1);
        assertThat(counts.get("TaskStateEntered")).as(arn + " the task state entered once").isEqualTo(1);
    }
}
