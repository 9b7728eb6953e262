package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.engine.spi.TaskRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/**
 * The callback pattern: a {@code .waitForTaskToken} task hands its token to another system through
 * {@code $$.Task.Token} and waits until that system answers with SendTaskSuccess or SendTaskFailure.
 */
class CallbacksTest {
    static final String ORDER = """
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"%s",
              "Parameters":{"QueueUrl":"https://sqs.example/q","MessageBody":{"token.$":"$$.Task.Token",
                "order.$":"$.order"}}%s,"End":true}}}""";

    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String token(TaskRequest message) {
        return message.input().path("MessageBody").path("token").asText();
    }

    @Test
    void the_token_goes_out_in_the_payload_and_send_task_success_completes_the_task() throws Exception {
        String sm = t.create("callback-success", ORDER.formatted(CallbackNode.RESOURCE, ""));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"order\":7}")).executionArn();
        TaskRequest message = t.callbacks.next(Duration.ofSeconds(5));
        assertThat(message.input().path("MessageBody").path("order").asInt()).isEqualTo(7);
        assertThat(token(message)).isEqualTo(message.taskToken());
        assertThat(t.sfn.describeExecution(b -> b.executionArn(exec)).status()).isEqualTo(ExecutionStatus.RUNNING);

        t.sfn.sendTaskSuccess(b -> b.taskToken(token(message)).output("{\"approved\":true}"));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"approved\":true}");
        assertThat(t.sfn.getExecutionHistory(b -> b.executionArn(exec)).events()).extracting(HistoryEvent::type)
                .containsSubsequence(HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED,
                        HistoryEventType.TASK_SUBMITTED, HistoryEventType.TASK_SUCCEEDED);
    }

    @Test
    void send_task_failure_fails_the_task_so_that_catch_applies() throws Exception {
        String sm = t.create("callback-failure", """
                {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"%s",
                  "Parameters":{"MessageBody":{"token.$":"$$.Task.Token"}},
                  "Catch":[{"ErrorEquals":["Rejected"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
                  "Handled":{"Type":"Pass","End":true}}}""".formatted(CallbackNode.RESOURCE));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        TaskRequest message = t.callbacks.next(Duration.ofSeconds(5));
        t.sfn.sendTaskFailure(b -> b.taskToken(token(message)).error("Rejected").cause("no stock"));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"error\":{\"Error\":\"Rejected\",\"Cause\":\"no stock\"}}");
    }

    @Test
    void a_callback_that_never_comes_times_the_task_out() throws Exception {
        String sm = t.create("callback-timeout", ORDER.formatted(CallbackNode.RESOURCE, ",\"TimeoutSeconds\":1"));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"order\":1}")).executionArn();
        TaskRequest message = t.callbacks.next(Duration.ofSeconds(5));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Timeout");
        assertThatThrownBy(() -> t.sfn.sendTaskSuccess(b -> b.taskToken(token(message)).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }
}
