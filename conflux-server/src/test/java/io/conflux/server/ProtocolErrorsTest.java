package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.conflux.asl.expr.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What SDKs never send, sent raw: every malformed request gets AWS's error type and a clear message with HTTP 400,
 * never a 500 and never a stack trace.
 */
class ProtocolErrorsTest {
    static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

    static TestServer t;
    static String sm;

    @BeforeAll
    static void start() {
        t = TestServer.start(b -> b.maxRequestBytes(2 * 1024 * 1024));
        sm = t.create("target", PASS);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void malformed_json_is_a_serialization_exception() throws Exception {
        TestServer.Raw r = t.post("AWSStepFunctions.ListStateMachines", "{\"maxResults\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("__type").asText()).isEqualTo("com.amazon.coral.service#SerializationException");
        assertThat(r.json().path("message").asText()).startsWith("Unexpected end-of-input");
        t.post("AWSStepFunctions.ListStateMachines", "[1]").isError("SerializationException",
                "Expected a JSON object as the request body, but got array");
        t.post("AWSStepFunctions.ListStateMachines", "{\"a\":1,\"a\":2}");
    }

    @Test
    void an_unknown_operation_or_a_missing_target_is_an_unknown_operation_exception() throws Exception {
        t.post("AWSStepFunctions.LaunchRocket", "{}").isError("UnknownOperationException",
                "Expected an operation of AWSStepFunctions in X-Amz-Target, but got 'AWSStepFunctions.LaunchRocket'");
        t.post("AWSStepFunctions.DescribeMapRun", "{}").isError("UnknownOperationException",
                "Conflux does not offer AWSStepFunctions.DescribeMapRun yet");
        t.post("AmazonSQS.ListQueues", "{}").isError("UnknownOperationException",
                "Expected an operation of AWSStepFunctions in X-Amz-Target, but got 'AmazonSQS.ListQueues'");
        t.post(null, "{}").isError("UnknownOperationException",
                "Expected an X-Amz-Target header naming the operation, e.g. AWSStepFunctions.StartExecution");
        TestServer.Raw get = t.send(HttpRequest.newBuilder(URI.create(t.server.endpoint() + "/whatever")).GET()
                .build());
        get.isError("UnknownOperationException", "Expected POST / with an X-Amz-Target header (the AWS JSON 1.0 "
                + "protocol), but got GET /whatever");
    }

    @Test
    void missing_members_are_reported_together_as_aws_reports_them() throws Exception {
        t.post("AWSStepFunctions.StartExecution", "{\"name\":\"n\"}").isError("ValidationException",
                "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy constraint: Member "
                        + "must not be null");
        t.post("AWSStepFunctions.CreateStateMachine", "{\"name\":null}").isError("ValidationException",
                "3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be "
                        + "null; Value null at 'definition' failed to satisfy constraint: Member must not be null; "
                        + "Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
        TestServer.Raw r = t.post("AWSStepFunctions.StartExecution", "{}");
        assertThat(r.json().path("__type").asText()).isEqualTo("com.amazon.coral.validate#ValidationException");
    }

    @Test
    void members_of_the_wrong_json_type_are_serialization_exceptions() throws Exception {
        t.post("AWSStepFunctions.StartExecution", "{\"stateMachineArn\": 5}").isError("SerializationException",
                "NUMBER_VALUE can not be converted to a String. (member 'stateMachineArn')");
        t.post("AWSStepFunctions.ListExecutions", "{\"stateMachineArn\":\"" + sm + "\",\"maxResults\":\"ten\"}")
                .isError("SerializationException", "STRING_VALUE can not be converted to an Integer. (member "
                        + "'maxResults')");
        t.post("AWSStepFunctions.GetExecutionHistory", "{\"executionArn\":\"x\",\"reverseOrder\":\"yes\"}")
                .isError("SerializationException", "STRING_VALUE can not be converted to a Boolean. (member "
                        + "'reverseOrder')");
        t.post("AWSStepFunctions.TagResource", "{\"resourceArn\":\"" + sm + "\",\"tags\":{\"k\":\"v\"}}")
                .isError("SerializationException", "Start of structure or map found where not expected. (member "
                        + "'tags')");
    }

    @Test
    void constraints_are_checked_with_aws_wording() throws Exception {
        t.post("AWSStepFunctions.ListExecutions", "{\"stateMachineArn\":\"" + sm + "\",\"statusFilter\":\"succeeded\"}")
                .isError("ValidationException", "1 validation error detected: Value 'succeeded' at 'statusFilter' "
                        + "failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, "
                        + "PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        String longToken = "x".repeat(1025);
        t.post("AWSStepFunctions.ListStateMachines", "{\"nextToken\":\"" + longToken + "\"}").isError(
                "ValidationException", "1 validation error detected: Value '" + longToken + "' at 'nextToken' failed "
                        + "to satisfy constraint: Member must have length less than or equal to 1024");
        String longName = "a".repeat(81);
        t.post("AWSStepFunctions.StartExecution", "{\"stateMachineArn\":\"arn:aws:states:us-east-1:123456789012:"
                + "stateMachine:missing\",\"name\":\"" + longName + "\"}").isError("ValidationException",
                "1 validation error detected: Value '" + longName + "' at 'name' failed to satisfy constraint: Member "
                        + "must have length less than or equal to 80");
    }

    @Test
    void an_input_over_256_kib_is_refused_and_so_is_a_body_over_the_request_limit() throws Exception {
        ObjectNode body = Json.object().put("stateMachineArn", sm).put("input", "\"" + "a".repeat(262_144) + "\"");
        t.post("AWSStepFunctions.StartExecution", Json.write(body)).isError("ValidationException",
                "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have size "
                        + "less than or equal to 262144 bytes in UTF-8 encoding");
        ObjectNode fits = Json.object().put("stateMachineArn", sm).put("input", "\"" + "a".repeat(262_142) + "\"");
        TestServer.Raw ok = t.post("AWSStepFunctions.StartExecution", Json.write(fits));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        ObjectNode huge = Json.object().put("name", "big").put("roleArn", TestServer.ROLE)
                .put("definition", "x".repeat(3 * 1024 * 1024));
        t.post("AWSStepFunctions.CreateStateMachine", Json.write(huge)).isError("ValidationException",
                "Expected a request body of at most 2097152 bytes, but got more");
    }

    @Test
    void unknown_and_malformed_arns_get_aws_errors() throws Exception {
        t.post("AWSStepFunctions.DescribeStateMachine", "{\"stateMachineArn\":\"not_a_valid_arn\"}")
                .isError("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'");
        String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:missing";
        t.post("AWSStepFunctions.DescribeStateMachine", "{\"stateMachineArn\":\"" + missing + "\"}")
                .isError("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + missing + "'");
        String exec = "arn:aws:states:us-east-1:123456789012:execution:missing:run";
        t.post("AWSStepFunctions.DescribeExecution", "{\"executionArn\":\"" + exec + "\"}")
                .isError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + exec + "'");
        t.post("AWSStepFunctions.StopExecution", "{\"executionArn\":\"" + exec + "\"}")
                .isError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + exec + "'");
        String activity = "arn:aws:states:us-east-1:123456789012:activity:missing";
        t.post("AWSStepFunctions.DescribeActivity", "{\"activityArn\":\"" + activity + "\"}")
                .isError("ActivityDoesNotExist", "Activity Does Not Exist: '" + activity + "'");
        t.post("AWSStepFunctions.GetActivityTask", "{\"activityArn\":\"" + sm + "\"}")
                .isError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: stateMachine'");
        t.post("AWSStepFunctions.DescribeStateMachineAlias", "{\"stateMachineAliasArn\":\"" + sm + ":nope\"}")
                .isError("ResourceNotFound", "Request references a resource that does not exist.");
    }

    @Test
    void nothing_answers_500_or_leaks_a_stack_trace() throws Exception {
        List<String> operations = List.of("CreateStateMachine", "DescribeStateMachine", "UpdateStateMachine",
                "DeleteStateMachine", "ListStateMachines", "PublishStateMachineVersion", "ListStateMachineVersions",
                "DeleteStateMachineVersion", "CreateStateMachineAlias", "DescribeStateMachineAlias",
                "UpdateStateMachineAlias", "DeleteStateMachineAlias", "ListStateMachineAliases", "StartExecution",
                "StartSyncExecution", "StopExecution", "DescribeExecution", "ListExecutions", "GetExecutionHistory",
                "DescribeStateMachineForExecution", "ValidateStateMachineDefinition", "CreateActivity",
                "DescribeActivity", "DeleteActivity", "ListActivities", "GetActivityTask", "SendTaskSuccess",
                "SendTaskFailure", "SendTaskHeartbeat", "TagResource", "UntagResource", "ListTagsForResource");
        List<String> members = List.of("name", "definition", "stateMachineArn", "executionArn", "activityArn",
                "resourceArn", "stateMachineAliasArn", "stateMachineVersionArn", "input", "taskToken", "nextToken",
                "maxResults", "routingConfiguration", "tags", "loggingConfiguration");
        // ARNs of a state machine of its own: the requests below delete and update what they name.
        List<Object> values = List.of("", "arn:aws:states:us-east-1:123456789012:stateMachine:fuzz",
                "arn:aws:states:us-east-1:123456789012:stateMachine:fuzz:1",
                "arn:aws:states:us-east-1:123456789012:execution:fuzz:x", "arn:aws:states:::activity:",
                "arn:aws:states:us-east-1:123456789012:stateMachine:a:b:c", -1, 1_000_000, 1.5, true,
                List.of(Map.of("key", 1)), Map.of("level", "ALL"), "\u0000\u2028{\"", "Zm9v.YmFy");
        t.create("fuzz", PASS);
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        operations.parallelStream().forEach(op -> {
            for (String member : members) {
                for (Object value : values) {
                    ObjectNode body = Json.object();
                    body.set(member, Json.MAPPER.valueToTree(value));
                    TestServer.Raw r;
                    try {
                        r = t.post("AWSStepFunctions." + op, Json.write(body));
                    } catch (Exception e) {
                        throw new AssertionError(op + " " + body, e);
                    }
                    requests.incrementAndGet();
                    assertThat(r.status()).as(op + " " + body + " -> " + r.body()).isIn(200, 400);
                    assertThat(r.body()).as(op + " " + body).doesNotContain("\tat ", "io.conflux.", "java.lang.");
                }
            }
        });
        assertThat(requests.get()).isGreaterThan(5_000);
    }
}
