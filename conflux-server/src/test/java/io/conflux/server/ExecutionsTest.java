package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.asl.expr.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** Executions through the AWS SDK for Java v2: start, describe, history, list, stop, synchronous Express. */
class ExecutionsTest {
    static final String PASS_CHAIN = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Result":{"a":1},"ResultPath":"$.a","Next":"B"},
              "B":{"Type":"Pass","End":true}}}""";
    static final String WAIT = """
            {"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}""";
    static final String FAIL = """
            {"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops","Cause":"it broke"}}}""";

    static TestServer t;

    @BeforeAll
    static void start() {
        t = TestServer.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void an_execution_runs_to_the_end_and_describes_itself_as_aws_does() {
        String sm = t.create("chain", PASS_CHAIN);
        StartExecutionResponse started = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("run-1")
                .input("{\"x\": 1}"));
        assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:123456789012:execution:chain:run-1");

        DescribeExecutionResponse d = t.awaitEnd(started.executionArn());
        assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(d.stateMachineArn()).isEqualTo(sm);
        assertThat(d.name()).isEqualTo("run-1");
        assertThat(d.input()).as("the input exactly as given").isEqualTo("{\"x\": 1}");
        assertThat(d.output()).isEqualTo("{\"x\":1,\"a\":{\"a\":1}}");
        assertThat(d.inputDetails().included()).isTrue();
        assertThat(d.startDate()).isEqualTo(started.startDate());
        assertThat(d.stopDate()).isAfterOrEqualTo(d.startDate());
        assertThat(d.redriveCount()).isZero();
        assertThat(d.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
        assertThat(d.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
        assertThat(d.error()).isNull();

        var forExecution = t.sfn.describeStateMachineForExecution(b -> b.executionArn(started.executionArn()));
        assertThat(forExecution.stateMachineArn()).isEqualTo(sm);
        assertThat(forExecution.definition()).isEqualTo(PASS_CHAIN);
        assertThat(forExecution.roleArn()).isEqualTo(TestServer.ROLE);
    }

    @Test
    void a_start_without_name_or_input_gets_a_uuid_and_an_empty_object() {
        String sm = t.create("defaults", PASS_CHAIN);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(arn);
        assertThat(d.name()).hasSize(36);
        assertThat(d.input()).isEqualTo("{}");
    }

    @Test
    void a_failed_execution_shows_error_and_cause() {
        String sm = t.create("fails", FAIL);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        DescribeExecutionResponse d = t.awaitEnd(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(d.error()).isEqualTo("Oops");
        assertThat(d.cause()).isEqualTo("it broke");
        assertThat(d.output()).isNull();
    }

    @Test
    void starting_twice_with_the_same_name_and_input_is_idempotent_while_it_runs() {
        String sm = t.create("idempotent", WAIT);
        StartExecutionResponse first = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{}"));
        StartExecutionResponse again = t.sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{}"));
        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.startDate()).isEqualTo(first.startDate());

        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{\"x\":1}")))
                .isInstanceOf(ExecutionAlreadyExistsException.class)
                .hasMessageStartingWith("Execution Already Exists: '" + first.executionArn() + "'");

        t.sfn.stopExecution(b -> b.executionArn(first.executionArn()));
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(sm).name("same").input("{}")))
                .as("an execution that has ended keeps its name")
                .isInstanceOf(ExecutionAlreadyExistsException.class);
    }

    @Test
    void stop_aborts_a_running_execution_with_the_given_error_and_cause() {
        String sm = t.create("stoppable", WAIT);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        var stopped = t.sfn.stopExecution(b -> b.executionArn(arn).error("Manual").cause("enough"));
        DescribeExecutionResponse d = t.awaitEnd(arn);
        assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(d.error()).isEqualTo("Manual");
        assertThat(d.cause()).isEqualTo("enough");
        assertThat(stopped.stopDate()).isEqualTo(d.stopDate());
        List<HistoryEventType> types = t.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
                .map(HistoryEvent::type).toList();
        assertThat(types).containsExactly(HistoryEventType.EXECUTION_STARTED, HistoryEventType.WAIT_STATE_ENTERED,
                HistoryEventType.EXECUTION_ABORTED);
    }

    @Test
    void history_pages_forwards_and_backwards_with_or_without_data() {
        String sm = t.create("history", PASS_CHAIN);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"secret\":42}")).executionArn();
        t.awaitEnd(arn);

        List<HistoryEvent> all = t.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
        assertThat(all).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.PASS_STATE_ENTERED, HistoryEventType.PASS_STATE_EXITED,
                HistoryEventType.EXECUTION_SUCCEEDED);
        assertThat(all.get(0).executionStartedEventDetails().input()).isEqualTo("{\"secret\":42}");
        assertThat(all.get(0).executionStartedEventDetails().roleArn()).isEqualTo(TestServer.ROLE);

        List<Long> forward = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = t.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(4)
                    .nextToken(next));
            assertThat(page.events()).hasSizeLessThanOrEqualTo(4);
            page.events().forEach(e -> forward.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        assertThat(forward).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);

        List<Long> backward = new ArrayList<>();
        token = null;
        do {
            String next = token;
            GetExecutionHistoryResponse page = t.sfn.getExecutionHistory(b -> b.executionArn(arn).maxResults(2)
                    .reverseOrder(true).nextToken(next));
            page.events().forEach(e -> backward.add(e.id()));
            token = page.nextToken();
        } while (token != null);
        assertThat(backward).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);

        List<HistoryEvent> noData = t.sfn.getExecutionHistory(b -> b.executionArn(arn).includeExecutionData(false))
                .events();
        assertThat(noData.get(0).executionStartedEventDetails().input()).isNull();
        assertThat(noData.get(5).executionSucceededEventDetails().output()).isNull();

        assertThatThrownBy(() -> t.sfn.getExecutionHistory(b -> b.executionArn(arn).nextToken("bogus")))
                .isInstanceOf(InvalidTokenException.class).hasMessageStartingWith("Invalid Token: 'Invalid token'");
    }

    @Test
    void list_executions_pages_newest_first_and_filters_by_status() {
        String sm = t.create("listed", PASS_CHAIN);
        String waiting = t.create("listed-waiting", WAIT);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "e" + i;
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).name(name)).executionArn();
            t.awaitEnd(arn);
            started.add(arn);
        }
        List<String> listed = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListExecutionsResponse page = t.sfn.listExecutions(b -> b.stateMachineArn(sm).maxResults(3)
                    .nextToken(next));
            assertThat(page.executions()).hasSizeLessThanOrEqualTo(3);
            page.executions().forEach(e -> listed.add(e.executionArn()));
            token = page.nextToken();
        } while (token != null);
        assertThat(listed).containsExactlyElementsOf(started.reversed());

        String running = t.sfn.startExecution(b -> b.stateMachineArn(waiting)).executionArn();
        String aborted = t.sfn.startExecution(b -> b.stateMachineArn(waiting)).executionArn();
        t.sfn.stopExecution(b -> b.executionArn(aborted));
        t.awaitEnd(aborted);
        assertThat(t.sfn.listExecutions(b -> b.stateMachineArn(waiting).statusFilter(ExecutionStatus.RUNNING))
                .executions()).extracting(ExecutionListItem::executionArn).containsExactly(running);
        assertThat(t.sfn.listExecutions(b -> b.stateMachineArn(waiting).statusFilter(ExecutionStatus.ABORTED))
                .executions()).extracting(ExecutionListItem::executionArn).containsExactly(aborted);
        assertThat(t.sfn.listExecutions(b -> b.stateMachineArn(sm).statusFilter(ExecutionStatus.FAILED))
                .executions()).isEmpty();
        t.sfn.stopExecution(b -> b.executionArn(running));
    }

    @Test
    void a_synchronous_express_execution_answers_with_its_result() {
        String sm = t.createExpress("express-sync", PASS_CHAIN);
        StartSyncExecutionResponse r = t.sfn.startSyncExecution(b -> b.stateMachineArn(sm).name("quick")
                .input("{\"x\":2}"));
        assertThat(r.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"x\":2,\"a\":{\"a\":1}}");
        assertThat(r.input()).isEqualTo("{\"x\":2}");
        assertThat(r.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:express:express-sync:quick:");
        assertThat(r.stateMachineArn()).isEqualTo(sm);
        assertThat(r.billingDetails().billedDurationInMilliseconds()).isPositive();
        assertThat(r.billingDetails().billedMemoryUsedInMB()).isEqualTo(64);

        String failing = t.createExpress("express-fail", FAIL);
        StartSyncExecutionResponse f = t.sfn.startSyncExecution(b -> b.stateMachineArn(failing));
        assertThat(f.status()).isEqualTo(SyncExecutionStatus.FAILED);
        assertThat(f.error()).isEqualTo("Oops");
        assertThat(f.cause()).isEqualTo("it broke");
        assertThat(f.output()).isNull();
    }

    @Test
    void start_sync_execution_is_for_express_machines_only() {
        String sm = t.create("standard-not-sync", PASS_CHAIN);
        assertThatThrownBy(() -> t.sfn.startSyncExecution(b -> b.stateMachineArn(sm)))
                .isInstanceOf(StateMachineTypeNotSupportedException.class)
                .hasMessageStartingWith("This operation is not supported by this type of state machine");
    }

    @Test
    void an_express_execution_started_asynchronously_runs_too() {
        String sm = t.createExpress("express-async", PASS_CHAIN);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        assertThat(arn).contains(":express:express-async:");
        assertThat(t.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    @Test
    void starting_fails_with_aws_errors_in_aws_order() {
        String sm = t.create("checked", PASS_CHAIN);
        String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn("not-an-arn")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Invalid ARN prefix: not-an-arn'");
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(missing).name("a b").input("{")))
                .isInstanceOf(StateMachineDoesNotExistException.class)
                .hasMessageStartingWith("State Machine Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(sm).name("a b").input("{")))
                .isInstanceOf(InvalidNameException.class).hasMessageStartingWith("Invalid Name: 'a b'");
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(sm).input("not json")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith("Invalid State Machine Execution Input: 'Unrecognized token 'not': was "
                        + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'");
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(sm).input("")))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith("Invalid State Machine Execution Input: 'Invalid execution input.'");
        for (String scalar : List.of("1", "\"text\"", "null", "[1,2]")) {
            String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm).input(scalar)).executionArn();
            assertThat(t.awaitEnd(arn).input()).isEqualTo(scalar);
        }
    }

    @Test
    void describing_what_does_not_exist_fails_as_aws_does() {
        String missing = "arn:aws:states:us-east-1:123456789012:execution:nothing:here";
        assertThatThrownBy(() -> t.sfn.describeExecution(b -> b.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class)
                .hasMessageStartingWith("Execution Does Not Exist: '" + missing + "'");
        assertThatThrownBy(() -> t.sfn.getExecutionHistory(b -> b.executionArn(missing)))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> t.sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:x")))
                .isInstanceOf(InvalidArnException.class)
                .hasMessageStartingWith("Invalid Arn: 'Resource type not valid in this context: stateMachine'");
        assertThatThrownBy(() -> t.sfn.listExecutions(b -> b.stateMachineArn(
                "arn:aws:states:us-east-1:123456789012:stateMachine:absent")))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void arns_of_any_region_and_account_are_looked_up_as_written() throws Exception {
        // A state machine ARN from another account does not exist here, but is a valid ARN.
        String foreign = "arn:aws:states:eu-west-3:999999999999:stateMachine:chain";
        assertThatThrownBy(() -> t.sfn.startExecution(b -> b.stateMachineArn(foreign)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
        TestServer.Raw r = t.post("AWSStepFunctions.ListStateMachines", "{}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(Json.write(r.json())).doesNotContain("eu-west-3");
    }

    @Test
    void a_running_execution_has_no_stop_date_output_or_error() {
        String sm = t.create("still-running", WAIT);
        String arn = t.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
        DescribeExecutionResponse d = t.sfn.describeExecution(b -> b.executionArn(arn));
        assertThat(d.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(d.stopDate()).isNull();
        assertThat(d.output()).isNull();
        assertThat(d.error()).isNull();
        assertThat(d.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
        t.sfn.stopExecution(b -> b.executionArn(arn));
        assertThat(t.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(Duration.between(d.startDate(), t.awaitEnd(arn).stopDate())).isLessThan(Duration.ofSeconds(20));
    }
}
