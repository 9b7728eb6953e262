package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ActivityDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ActivityListItem;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidOutputException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** Activities and their workers through the AWS SDK for Java v2, with short real timeouts. */
class ActivitiesTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    static String machine(String activityArn, String extra) {
        return """
                {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s"%s,"End":true}}}"""
                .formatted(activityArn, extra);
    }

    private GetActivityTaskResponse poll(String activityArn, String worker) {
        GetActivityTaskResponse task = t.sfn.getActivityTask(b -> b.activityArn(activityArn).workerName(worker));
        assertThat(task.taskToken()).as("a task for the worker").isNotNull();
        return task;
    }

    private List<HistoryEventType> types(String executionArn) {
        return t.sfn.getExecutionHistory(b -> b.executionArn(executionArn)).events().stream()
                .map(HistoryEvent::type).toList();
    }

    @Test
    void a_worker_takes_the_task_and_its_result_becomes_the_state_output() {
        String activity = t.sfn.createActivity(b -> b.name("adder")).activityArn();
        assertThat(activity).isEqualTo("arn:aws:states:us-east-1:123456789012:activity:adder");
        String sm = t.create("uses-adder", machine(activity, ""));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"a\":1,\"b\":2}")).executionArn();

        GetActivityTaskResponse task = poll(activity, "worker-1");
        assertThat(task.input()).isEqualTo("{\"a\":1,\"b\":2}");
        t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"sum\":3}"));

        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("{\"sum\":3}");
        List<HistoryEvent> events = t.sfn.getExecutionHistory(b -> b.executionArn(exec)).events();
        assertThat(events).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.ACTIVITY_SCHEDULED,
                HistoryEventType.ACTIVITY_STARTED, HistoryEventType.ACTIVITY_SUCCEEDED,
                HistoryEventType.TASK_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(events.get(2).activityScheduledEventDetails().resource()).isEqualTo(activity);
        assertThat(events.get(3).activityStartedEventDetails().workerName()).isEqualTo("worker-1");

        assertThatThrownBy(() -> t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")))
                .as("a task answered already").isInstanceOf(TaskDoesNotExistException.class);
    }

    @Test
    void a_worker_failure_fails_the_task_with_its_error_and_cause() {
        String activity = t.sfn.createActivity(b -> b.name("breaks")).activityArn();
        String sm = t.create("uses-breaks", machine(activity, ""));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        GetActivityTaskResponse task = poll(activity, "worker-2");
        t.sfn.sendTaskFailure(b -> b.taskToken(task.taskToken()).error("Programmatic Error").cause("bad input"));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Programmatic Error");
        assertThat(d.cause()).isEqualTo("bad input");
        assertThat(types(exec)).contains(HistoryEventType.ACTIVITY_FAILED);
    }

    @Test
    void heartbeats_keep_a_slow_worker_alive_past_heartbeat_seconds() throws Exception {
        String activity = t.sfn.createActivity(b -> b.name("slow")).activityArn();
        String sm = t.create("uses-slow", machine(activity, ",\"HeartbeatSeconds\":1,\"TimeoutSeconds\":10"));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        GetActivityTaskResponse task = poll(activity, "worker-3");
        for (int i = 0; i < 5; i++) {
            Thread.sleep(400);
            t.sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken()));
        }
        t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("\"done\""));
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.output()).isEqualTo("\"done\"");
    }

    @Test
    void a_silent_worker_is_timed_out_by_heartbeat_seconds_and_its_late_answer_refused() {
        String activity = t.sfn.createActivity(b -> b.name("silent")).activityArn();
        String sm = t.create("uses-silent", machine(activity, ",\"HeartbeatSeconds\":1"));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        GetActivityTaskResponse task = poll(activity, "worker-4");
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.HeartbeatTimeout");
        assertThat(types(exec)).contains(HistoryEventType.ACTIVITY_TIMED_OUT);
        assertThatThrownBy(() -> t.sfn.sendTaskHeartbeat(b -> b.taskToken(task.taskToken())))
                .isInstanceOf(TaskTimedOutException.class)
                .hasMessageStartingWith("Task Timed Out: 'Provided task does not exist anymore'");
        assertThatThrownBy(() -> t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void a_waiting_poll_is_answered_the_moment_a_task_is_scheduled() throws Exception {
        try (TestServer slow = TestServer.start(b -> b.activityPollTimeout(Duration.ofSeconds(30)))) {
            String activity = slow.sfn.createActivity(b -> b.name("waited")).activityArn();
            String sm = slow.create("uses-waited", machine(activity, ""));
            CompletableFuture<GetActivityTaskResponse> polling = CompletableFuture.supplyAsync(
                    () -> slow.sfn.getActivityTask(b -> b.activityArn(activity).workerName("early")));
            Thread.sleep(300);
            assertThat(polling).isNotDone();
            long started = System.nanoTime();
            String exec = slow.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"k\":1}")).executionArn();
            GetActivityTaskResponse task = polling.get();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(task.input()).isEqualTo("{\"k\":1}");
            slow.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{}"));
            assertThat(slow.awaitEnd(exec).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @Test
    void a_poll_without_tasks_answers_empty_after_the_wait() {
        String activity = t.sfn.createActivity(b -> b.name("idle")).activityArn();
        long started = System.nanoTime();
        GetActivityTaskResponse none = t.sfn.getActivityTask(b -> b.activityArn(activity));
        assertThat(none.taskToken()).isNull();
        assertThat(none.input()).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void a_task_for_an_activity_that_does_not_exist_fails_the_execution_with_states_runtime() {
        String missing = "arn:aws:states:us-east-1:123456789012:activity:never-created";
        String sm = t.create("uses-missing", machine(missing, ""));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(exec);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("States.Runtime");
        assertThat(d.cause()).isEqualTo("An error occurred while executing the state 'Work' (entered at the event id "
                + "#2). The activity " + missing + " does not exist.");
    }

    @Test
    void activities_are_created_idempotently_described_listed_and_deleted() {
        String arn = t.sfn.createActivity(b -> b.name("crud")).activityArn();
        var again = t.sfn.createActivity(b -> b.name("crud"));
        assertThat(again.activityArn()).isEqualTo(arn);
        var d = t.sfn.describeActivity(b -> b.activityArn(arn));
        assertThat(d.name()).isEqualTo("crud");
        assertThat(d.creationDate()).isEqualTo(again.creationDate());
        List<String> names = new java.util.ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = t.sfn.listActivities(b -> b.maxResults(1).nextToken(next));
            page.activities().stream().map(ActivityListItem::name).forEach(names::add);
            token = page.nextToken();
        } while (token != null);
        assertThat(names).contains("crud").isSorted();
        t.sfn.deleteActivity(b -> b.activityArn(arn));
        t.sfn.deleteActivity(b -> b.activityArn(arn));
        assertThatThrownBy(() -> t.sfn.describeActivity(b -> b.activityArn(arn)))
                .isInstanceOf(ActivityDoesNotExistException.class)
                .hasMessageStartingWith("Activity Does Not Exist: '" + arn + "'");
        assertThatThrownBy(() -> t.sfn.getActivityTask(b -> b.activityArn(arn)))
                .isInstanceOf(ActivityDoesNotExistException.class);
        assertThatThrownBy(() -> t.sfn.createActivity(b -> b.name("TestActivity InvalidName$")))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageStartingWith("Invalid Name: 'TestActivity InvalidName$'");
    }

    @Test
    void tokens_that_are_not_tokens_and_outputs_that_are_not_json_are_refused() {
        assertThatThrownBy(() -> t.sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")))
                .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("Invalid Token: 'Invalid token'");
        assertThatThrownBy(() -> t.sfn.sendTaskHeartbeat(b -> b.taskToken("Zm9v.YmFy")))
                .isInstanceOf(InvalidTokenException.class);
        String activity = t.sfn.createActivity(b -> b.name("outputs")).activityArn();
        String sm = t.create("uses-outputs", machine(activity, ""));
        String exec = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        GetActivityTaskResponse task = poll(activity, "worker-5");
        assertThatThrownBy(() -> t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{not json")))
                .isInstanceOf(InvalidOutputException.class).hasMessageStartingWith("Invalid Output: '");
        t.sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("[1]"));
        assertThat(t.awaitEnd(exec).output()).isEqualTo("[1]");
    }
}
