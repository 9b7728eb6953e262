package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** {@code arn:aws:states:::states:startExecution}: child executions, request-response, .sync, .sync:2 and callback. */
class ChildExecutionsTest {
    static final String CHILD = """
            {"StartAt":"Double","States":{"Double":{"Type":"Pass",
              "Parameters":{"doubled.$":"States.MathAdd($.n, $.n)"},"End":true}}}""";
    static final String FAILING_CHILD = """
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"ChildError","Cause":"the child failed"}}}""";

    static TestServer t;
    static String child;
    static String failingChild;

    @BeforeAll
    static void start() {
        t = TestServer.start();
        child = t.create("child", CHILD);
        failingChild = t.create("failing-child", FAILING_CHILD);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String parent(String resource, String childArn, String name) {
        return """
                {"StartAt":"Start","States":{"Start":{"Type":"Task","Resource":"%s",
                  "Parameters":{"StateMachineArn":"%s","Name":"%s","Input":{"n.$":"$.n"}},"End":true}}}"""
                .formatted(resource, childArn, name);
    }

    private JsonNode run(String parentName, String definition, String input) throws Exception {
        String sm = t.create(parentName, definition);
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input(input)).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).as(d.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return Json.parse(d.output());
    }

    @Test
    void request_response_starts_the_child_and_answers_with_its_arn_and_start_date() throws Exception {
        JsonNode out = run("parent-rr", parent("arn:aws:states:::states:startExecution", child, "rr-child"),
                "{\"n\":1}");
        String childExec = "arn:aws:states:us-east-1:123456789012:execution:child:rr-child";
        assertThat(out.path("ExecutionArn").asText()).isEqualTo(childExec);
        assertThat(out.path("StartDate").isNumber()).isTrue();
        assertThat(t.awaitEnd(childExec).output()).isEqualTo("{\"doubled\":2}");
    }

    @Test
    void sync_waits_for_the_child_and_answers_with_its_description_with_output_as_text() throws Exception {
        JsonNode out = run("parent-sync", parent("arn:aws:states:::states:startExecution.sync", child, "sync-child"),
                "{\"n\":21}");
        assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(out.path("Output").asText()).isEqualTo("{\"doubled\":42}");
        assertThat(out.path("Input").asText()).isEqualTo("{\"n\":21}");
        assertThat(out.path("OutputDetails").path("Included").asBoolean()).isTrue();
        assertThat(out.path("ExecutionArn").asText()).endsWith(":execution:child:sync-child");
        assertThat(out.path("StateMachineArn").asText()).isEqualTo(child);
        assertThat(out.path("StartDate").isNumber()).isTrue();
        assertThat(out.path("StopDate").isNumber()).isTrue();
    }

    @Test
    void sync_2_answers_with_input_and_output_as_json() throws Exception {
        JsonNode out = run("parent-sync2", parent("arn:aws:states:::states:startExecution.sync:2", child,
                "sync2-child"), "{\"n\":5}");
        assertThat(out.path("Output")).isEqualTo(Json.parse("{\"doubled\":10}"));
        assertThat(out.path("Input")).isEqualTo(Json.parse("{\"n\":5}"));
        assertThat(out.path("Status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void a_failed_child_fails_the_task_with_states_task_failed_and_its_description() throws Exception {
        String sm = t.create("parent-fails", parent("arn:aws:states:::states:startExecution.sync", failingChild,
                "doomed"));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"n\":1}")).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.TaskFailed");
        JsonNode cause = Json.parse(d.cause());
        assertThat(cause.path("Status").asText()).isEqualTo("FAILED");
        assertThat(cause.path("Error").asText()).isEqualTo("ChildError");
        assertThat(cause.path("Cause").asText()).isEqualTo("the child failed");
        assertThat(cause.path("ExecutionArn").asText()).endsWith(":execution:failing-child:doomed");
        assertThat(t.sfn.getExecutionHistory(b -> b.executionArn(exec)).events()).extracting(HistoryEvent::type)
                .containsSubsequence(HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUBMITTED,
                        HistoryEventType.TASK_FAILED);
    }

    @Test
    void a_sync_task_that_times_out_stops_its_child() {
        String slowChild = t.create("slow-child", """
                {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""");
        String sm = t.create("parent-impatient", """
                {"StartAt":"Start","States":{"Start":{"Type":"Task","TimeoutSeconds":1,
                  "Resource":"arn:aws:states:::states:startExecution.sync",
                  "Parameters":{"StateMachineArn":"%s","Name":"abandoned"},"End":true}}}""".formatted(slowChild));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Timeout");
        assertThat(t.awaitEnd("arn:aws:states:us-east-1:123456789012:execution:slow-child:abandoned").status())
                .isEqualTo(ExecutionStatus.ABORTED);
    }

    @Test
    void a_child_that_cannot_start_fails_the_task_with_the_sdk_error_name() {
        String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:no-such-child";
        String sm = t.create("parent-missing", parent("arn:aws:states:::states:startExecution", missing, "x"));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"n\":1}")).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
        assertThat(d.cause()).startsWith("State Machine Does Not Exist: '" + missing + "' (Service: AWSStepFunctions; "
                + "Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: ");
    }

    @Test
    void wait_for_task_token_starts_the_child_and_waits_for_the_token_to_come_back() throws Exception {
        String sm = t.create("parent-callback", """
                {"StartAt":"Start","States":{"Start":{"Type":"Task",
                  "Resource":"arn:aws:states:::states:startExecution.waitForTaskToken",
                  "Parameters":{"StateMachineArn":"%s","Input":{"n":3,"token.$":"$$.Task.Token"}},"End":true}}}"""
                .formatted(child));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        // The child got the token in its input; whoever finishes the work answers with it.
        ExecutionListItem started = Awaitility.await().until(() -> t.sfn.listExecutions(b -> b.stateMachineArn(child))
                .executions().stream().filter(e -> describeInput(e).has("token")).findFirst().orElse(null),
                e -> e != null);
        String token = describeInput(started).path("token").asText();
        t.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"answered\":true}"));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"answered\":true}");
    }

    private static JsonNode describeInput(ExecutionListItem e) {
        try {
            return Json.parse(t.sfn.describeExecution(b -> b.executionArn(e.executionArn())).input());
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
