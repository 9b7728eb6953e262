package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.parse;
import static io.conflux.asl.parse.Definitions.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.ParseResult;
import org.junit.jupiter.api.Test;

/** A definition with many problems reports all of them at once, in one message as AWS joins them. */
class ManyProblemsTest {

    @Test
    void reports_every_problem_of_a_broken_definition_at_once() {
        ParseResult result = parse("""
                {
                  "Comment": "everything wrong at once",
                  "Coment": "typo",
                  "StartAt": "Start",
                  "TimeoutSeconds": -5,
                  "States": {
                    "Start": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "result", "Next": "Work"},
                    "Work": {
                      "Type": "Task",
                      "Resource": "create",
                      "TimeoutSeconds": 10,
                      "HeartbeatSeconds": 20,
                      "Retry": [{"ErrorEquals": ["States.ALL", "Custom"], "BackoffRate": 0.5}],
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nowhere"}],
                      "Next": "Fan"
                    },
                    "Fan": {
                      "Type": "Parallel",
                      "Branches": [{"StartAt": "Start", "States": {"Start": {"Type": "Wait", "Seconds": 1,
                        "Timestamp": "yesterday", "End": true}}}],
                      "Next": "Wait"
                    },
                    "Wait": {"Type": "Wait", "Timestamp": "2016-12-05T21:29:29", "Next": "Done", "End": true},
                    "Done": {"Type": "Succeed", "Output": {}},
                    "Orphan": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}
                  }
                }
                """);
        assertThat(result.isValid()).isFalse();
        assertThat(texts(result.diagnostics())).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'Coment' is not supported at /",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /TimeoutSeconds",
                "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path: Reference path didn't start with '$' at "
                        + "/States/Start/ResultPath",
                "SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/Work/Resource",
                "SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at "
                        + "/States/Work/HeartbeatSeconds",
                "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at "
                        + "/States/Work/Retry[0]/ErrorEquals",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/Work/Retry[0]/BackoffRate",
                "DUPLICATE_STATE_NAME: Duplicate State name: Start at /States/Fan/Branches[0]/States/Start",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [SecondsPath, Seconds, "
                        + "TimestampPath, Timestamp] at /States/Fan/Branches[0]/States/Start",
                "SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/Wait/Timestamp",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Next, End] at "
                        + "/States/Wait",
                "SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only "
                        + "supported for the 'JSONata' QueryLanguage at /States/Done",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error, ErrorPath] at "
                        + "/States/Orphan/Error",
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/Work/Catch[0]/Next",
                "MISSING_TRANSITION_TARGET: State \"Orphan\" is not reachable. at /States/Orphan");
        assertThat(result.invalidDefinitionMessage())
                .startsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Coment' is not "
                        + "supported at /, SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /TimeoutSeconds, ")
                .endsWith(", MISSING_TRANSITION_TARGET: State \"Orphan\" is not reachable. at /States/Orphan'");
    }
}
