package io.conflux.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.engine.runtime.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The warm pool as Lambda behaves: reuse, scale-out, throttling, timeouts, memory, reaping, pre-warming. */
class PoolTest {
    static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    static TestServer t;

    @BeforeAll
    static void start() {
        // The reaper runs only when a test asks: idle time is the manual clock's.
        t = TestServer.start(FunctionsConfig.builder().clock(CLOCK).reapInterval(Duration.ofHours(1)).build());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static final String SLEEPY = """
            import os, time

            def handler(event, context):
                time.sleep(event.get('sleep', 0))
                return {'sandbox': os.getpid(), 'init': os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']}
            """;

    private static JsonNode invoke(String name, String payload) throws Exception {
        InvokeResponse r = t.lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
        return Json.parse(r.payload().asUtf8String());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (Exception e) {
            throw new AssertionError("Expected JSON, but got " + json, e);
        }
    }

    private static List<String> reports(String function) throws InterruptedException {
        return t.service().logs().read(new LogStore.Query(function, null, null, null, 0, 10_000), 0).stream()
                .map(LogLine::message).filter(m -> m.startsWith("REPORT")).toList();
    }

    private static DescribeExecutionResponse run(String name, String definition, String input) {
        String sm = t.sfn.createStateMachine(b -> b.name(name).roleArn(TestServer.ROLE).definition(definition))
                .stateMachineArn();
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).input(input)).executionArn();
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> t.sfn.describeExecution(b -> b.executionArn(arn)),
                        d -> d.status() != ExecutionStatus.RUNNING);
    }

    private static String map(String function, int items, String retry) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            list.append(i == 0 ? "" : ",").append("{\"sleep\":0.6}");
        }
        list.append("]");
        return """
                {"StartAt":"Fan","States":{"Fan":{"Type":"Map","MaxConcurrency":0,"ItemsPath":"$.items",
                 "ItemProcessor":{"StartAt":"Call","States":{"Call":{"Type":"Task",
                  "Resource":"arn:aws:lambda:eu-west-1:999999999999:function:%s"%s,"End":true}}},"End":true}}}
                """.formatted(function, retry) + "\u0000" + "{\"items\":" + list + "}";
    }

    @Test
    void sequential_invocations_reuse_one_warm_runtime_after_a_single_cold_start() throws Exception {
        t.create("warm", "python3.12", "handler.handler", Map.of("handler.py", SLEEPY));
        JsonNode first = invoke("warm", "{}");
        for (int i = 0; i < 9; i++) {
            assertThat(invoke("warm", "{}").get("sandbox")).isEqualTo(first.get("sandbox"));
        }
        Pool.Stats s = t.service().stats("warm").orElseThrow();
        assertThat(s.coldStarts()).isEqualTo(1);
        assertThat(s.idle()).isEqualTo(1);
        List<String> reports = reports("warm");
        assertThat(reports).hasSize(10);
        assertThat(reports.get(0)).contains("Init Duration:");
        assertThat(reports.subList(1, 10)).noneMatch(r -> r.contains("Init Duration"));
    }

    @Test
    void a_parallel_map_scales_out_to_the_concurrency_limit() {
        t.create("fan", "python3.12", "handler.handler", Map.of("handler.py", SLEEPY));
        t.lambda.putFunctionConcurrency(b -> b.functionName("fan").reservedConcurrentExecutions(3));
        String[] d = map("fan", 3, "").split("\u0000");
        DescribeExecutionResponse r = run("fan-out", d[0], d[1]);
        assertThat(r.status()).as(r.error() + ": " + r.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Pool.Stats s = t.service().stats("fan").orElseThrow();
        assertThat(s.coldStarts()).isEqualTo(3);
        assertThat(s.idle()).isEqualTo(3);
        assertThat(parse(r.output()).findValuesAsText("sandbox")).doesNotHaveDuplicates();
    }

    @Test
    void beyond_the_limit_invocations_are_throttled_and_a_retry_absorbs_it() {
        t.create("narrow", "python3.12", "handler.handler", Map.of("handler.py", SLEEPY));
        t.lambda.putFunctionConcurrency(b -> b.functionName("narrow").reservedConcurrentExecutions(2));
        String[] bare = map("narrow", 5, "").split("\u0000");
        DescribeExecutionResponse failed = run("throttled", bare[0], bare[1]);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.error()).isEqualTo("Lambda.TooManyRequestsException");
        assertThat(failed.cause()).startsWith("Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: "
                + "TooManyRequestsException; Request ID: ");

        String retry = ",\"Retry\":[{\"ErrorEquals\":[\"Lambda.TooManyRequestsException\"],\"IntervalSeconds\":1,"
                + "\"MaxAttempts\":10,\"BackoffRate\":1}]";
        String[] withRetry = map("narrow", 5, retry).split("\u0000");
        DescribeExecutionResponse ok = run("absorbed", withRetry[0], withRetry[1]);
        assertThat(ok.status()).as(ok.error() + ": " + ok.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Pool.Stats s = t.service().stats("narrow").orElseThrow();
        assertThat(s.coldStarts()).isEqualTo(2);
        assertThat(s.throttles()).isGreaterThan(0);
    }

    @Test
    void a_runtime_that_outlives_its_timeout_is_killed_and_the_invocation_fails_as_on_lambda() throws Exception {
        t.create("slow", "python3.12", "handler.handler", Map.of("handler.py", SLEEPY), b -> b.timeout(1));
        long pid = invoke("slow", "{}").get("sandbox").asLong();
        InvokeResponse r = t.lambda.invoke(b -> b.functionName("slow").payload(SdkBytes.fromUtf8String(
                "{\"sleep\":10}")));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = Json.parse(r.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).matches("RequestId: [0-9a-f-]{36} Error: Task timed out after "
                + "1\\.00 seconds");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(t.service().stats("slow").orElseThrow().alive()).isZero();
        assertThat(reports("slow").getLast()).contains("Status: timeout");
        assertThat(t.service().logs().read(new LogStore.Query("slow", null, null, null, 0, 10_000), 0))
                .anyMatch(l -> l.message().endsWith("Task timed out after 1.00 seconds"));
    }

    @Test
    void a_runtime_over_its_memory_limit_is_killed_and_reported_out_of_memory() throws Exception {
        String hog = "def handler(event, context):\n    block = b'x' * (400 * 1024 * 1024)\n    return len(block)\n";
        t.create("hog", "python3.12", "handler.handler", Map.of("handler.py", hog), b -> b.memorySize(128).timeout(20));
        InvokeResponse r = t.lambda.invoke(b -> b.functionName("hog"));
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode error = Json.parse(r.payload().asUtf8String());
        assertThat(error.get("errorType").asText()).as(error.toString()).isEqualTo("Runtime.OutOfMemory");
        assertThat(error.get("errorMessage").asText()).endsWith("Error: Runtime exited with error: signal: killed");
        assertThat(t.service().stats("hog").orElseThrow().alive()).isZero();
    }

    @Test
    void idle_runtimes_are_reaped_after_their_ttl() throws Exception {
        t.service().create("idle", new FunctionInput("python3.12", "handler.handler", null, TestServer.ROLE, null,
                null, null, null, null, Duration.ofSeconds(60), TestServer.zip(Map.of("handler.py", SLEEPY))));
        long pid = invoke("idle", "{}").get("sandbox").asLong();
        CLOCK.advance(Duration.ofSeconds(59));
        t.service().reapIdle();
        assertThat(t.service().stats("idle").orElseThrow().idle()).isEqualTo(1);
        CLOCK.advance(Duration.ofSeconds(2));
        t.service().reapIdle();
        assertThat(t.service().stats("idle").orElseThrow().alive()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void provisioned_runtimes_are_started_ahead_and_kept_warm() throws Exception {
        t.create("ready", "python3.12", "handler.handler", Map.of("handler.py", SLEEPY));
        t.lambda.putProvisionedConcurrencyConfig(b -> b.functionName("ready").qualifier("live")
                .provisionedConcurrentExecutions(2));
        await().atMost(Duration.ofSeconds(20)).until(() -> t.service().stats("ready").orElseThrow().idle() == 2);
        assertThat(t.lambda.getProvisionedConcurrencyConfig(b -> b.functionName("ready").qualifier("live"))
                .statusAsString()).isEqualTo("READY");
        JsonNode r = invoke("ready", "{}");
        assertThat(r.get("init").asText()).isEqualTo("provisioned-concurrency");
        Pool.Stats s = t.service().stats("ready").orElseThrow();
        assertThat(s.coldStarts()).isZero();
        assertThat(reports("ready").getFirst()).doesNotContain("Init Duration");
        CLOCK.advance(Duration.ofHours(2));
        t.service().reapIdle();
        assertThat(t.service().stats("ready").orElseThrow().idle()).isEqualTo(2);
    }
}
