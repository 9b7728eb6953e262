package io.conflux.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Execution events: the end of one execution starts another. */
class ChainingTest {

    @Test
    void the_end_of_an_execution_starts_the_next_with_the_status_change_event() throws Exception {
        try (TestNode node = TestNode.manual(b -> {})) {
            String first = node.createStateMachine("first", """
                    {"StartAt": "Choose", "States": {
                      "Choose": {"Type": "Choice", "Choices": [{"Variable": "$.fail", "BooleanEquals": true, "Next": "Boom"}],
                                 "Default": "Done"},
                      "Boom": {"Type": "Fail", "Error": "Oops", "Cause": "asked to"},
                      "Done": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}""", "STANDARD");
            String second = node.createStateMachine("second");
            String onFailure = node.createStateMachine("on-failure");
            node.putTrigger("then-second", """
                    {"type": "execution", "source": "first", "statuses": ["SUCCEEDED"], "stateMachine": "second"}""");
            node.putTrigger("alert", """
                    {"type": "execution", "source": "%s", "stateMachine": "on-failure",
                     "filter": {"detail": {"status": ["FAILED"], "error": [{"prefix": "Oo"}]}},
                     "inputTemplate": {"failed.$": "$.detail.executionArn", "cause.$": "$.detail.cause"}}"""
                    .formatted(first));
            JsonNode ok = node.sfn("StartExecution", Json.object().put("stateMachineArn", first).put("name", "ok")
                    .put("input", "{\"fail\": false}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> node.executions(second).size() == 1);
            JsonNode event = node.input(node.executions(second).get(0).path("executionArn").asText());
            assertThat(event.path("source").asText()).isEqualTo("aws.states");
            assertThat(event.path("detail-type").asText()).isEqualTo("Step Functions Execution Status Change");
            assertThat(event.path("detail").path("executionArn").asText()).isEqualTo(ok.path("executionArn").asText());
            assertThat(event.path("detail").path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(Json.parse(event.path("detail").path("output").asText())).isEqualTo(Json.parse("{\"ok\":true}"));

            JsonNode bad = node.sfn("StartExecution", Json.object().put("stateMachineArn", first).put("name", "bad")
                    .put("input", "{\"fail\": true}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> node.executions(onFailure).size() == 1);
            JsonNode alert = node.input(node.executions(onFailure).get(0).path("executionArn").asText());
            assertThat(alert).isEqualTo(Json.object().put("failed", bad.path("executionArn").asText())
                    .put("cause", "asked to"));
            Thread.sleep(200);
            assertThat(node.executions(second)).hasSize(1); // a failure does not start 'second'
            assertThat(node.executions(onFailure)).hasSize(1); // a success does not start 'on-failure' ...
            assertThat(node.events("alert")).extracting(e -> e.path("status").asText())
                    .containsExactly("STARTED", "NO_MATCH"); // ... and is recorded as matching no filter
        }
    }
}
