package io.conflux.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conflux.asl.expr.Json;
import io.conflux.engine.nodes.JavaHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.MockResponseValidationMode;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState through the AWS SDK for Java v2. */
class TestStateTest {
    static TestServer t;

    @BeforeAll
    static void start() {
        JavaHandlers handlers = new JavaHandlers().register("double",
                (in, req) -> Json.NODES.numberNode(in.path("n").asInt() * 2));
        t = TestServer.start(b -> b.node(handlers));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void a_task_without_a_mock_runs_on_its_processing_node() {
        TestStateResponse r = t.sfn.testState(b -> b.roleArn(TestServer.ROLE)
                .definition("{\"Type\": \"Task\","
                        + " \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:double\","
                        + " \"ResultPath\": \"$.doubled\", \"Next\": \"Report\"}")
                .input("{\"n\": 21}")
                .inspectionLevel(InspectionLevel.DEBUG));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
        assertThat(r.output()).isEqualTo("{\"n\":21,\"doubled\":42}");
        assertThat(r.nextState()).isEqualTo("Report");
        assertThat(r.inspectionData().result()).isEqualTo("42");
        assertThat(r.inspectionData().afterResultPath()).isEqualTo("{\"n\":21,\"doubled\":42}");
    }

    @Test
    void a_mocked_error_that_a_catcher_takes_ends_caught_with_the_catchers_output() {
        TestStateResponse r = t.sfn.testState(b -> b
                .definition("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\","
                        + " \"Parameters\": {\"QueueUrl\": \"q\", \"MessageBody\": \"m\"},"
                        + " \"Catch\": [{\"ErrorEquals\": [\"SQS.Down\"], \"ResultPath\": \"$.error\","
                        + " \"Next\": \"Handle\"}],"
                        + " \"End\": true}")
                .input("{}")
                .mock(m -> m.errorOutput(e -> e.error("SQS.Down").cause("no queue")))
                .inspectionLevel(InspectionLevel.TRACE));
        assertThat(r.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
        assertThat(r.error()).isEqualTo("SQS.Down");
        assertThat(r.nextState()).isEqualTo("Handle");
        assertThat(r.output()).isEqualTo("{\"error\":{\"Error\":\"SQS.Down\",\"Cause\":\"no queue\"}}");
        assertThat(r.inspectionData().errorDetails().catchIndex()).isZero();
    }

    @Test
    void a_mocked_result_is_checked_against_the_integrations_response_shape() {
        String definition = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage\","
                + " \"Parameters\": {\"QueueUrl\": \"q\", \"MessageBody\": \"m\"}, \"End\": true}";
        assertThatThrownBy(() -> t.sfn.testState(b -> b.definition(definition)
                .mock(m -> m.result("{\"MessageId\": 7}"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Mock result schema validation error: Field 'MessageId' must be a string");
        TestStateResponse loose = t.sfn.testState(b -> b.definition(definition)
                .mock(m -> m.result("{\"MessageId\": 7}").fieldValidationMode(MockResponseValidationMode.NONE)));
        assertThat(loose.output()).isEqualTo("{\"MessageId\":7}");
    }

    @Test
    void a_map_without_a_mock_is_not_an_invalid_request_but_an_invalid_definition() {
        assertThatThrownBy(() -> t.sfn.testState(b -> b.definition("{\"Type\": \"Map\", \"ItemProcessor\":"
                + " {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}")))
                .isInstanceOf(InvalidDefinitionException.class)
                .hasMessageStartingWith("TestState API does not support Map or Parallel states.");
    }
}
