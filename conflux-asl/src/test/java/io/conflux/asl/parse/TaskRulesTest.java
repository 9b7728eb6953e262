package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.oneState;
import static io.conflux.asl.parse.Definitions.parseExpress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Task, Wait and Fail: resources, times, and the fields that come in a literal and a Path form. */
class TaskRulesTest {
    private static String task(String fields) {
        return oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", " + fields
                + "\"End\": true}");
    }

    @Test
    void requires_a_resource() {
        assertDiagnostics(oneState("{\"Type\": \"Task\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:states:::lambda:invoke", "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
            "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::aws-sdk:s3:getObject",
            "arn:aws:lambda:us-east-1:111111111111:function:fn", "arn:aws:lambda:us-east-1:111111111111:function:fn:1",
            "arn:aws:states:us-east-1:111111111111:activity:act", "arn:aws-cn:states:::lambda:invoke",
            "${function:hello}", "${HelloFunctionArn}"})
    void accepts_the_resources_aws_and_our_runtimes_know(String resource) {
        assertValid(oneState("{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "arn:aws:lambda", "TEXT_REMINDER_ARN"})
    void rejects_a_resource_that_is_not_an_arn(String resource) {
        assertDiagnostics(oneState("{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a valid resource ARN at /States/S/Resource");
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:s3:::bucket", "arn:aws:states:::lambda", "arn:aws:lambda:::function:fn",
            "arn:aws:states:us-east-1:111111111111:stateMachine:m"})
    void rejects_an_arn_a_task_cannot_run(String resource) {
        assertDiagnostics(oneState("{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}"))
                .containsExactly("INVALID_RESOURCE: The resource provided " + resource + " is not recognized. The "
                        + "value is not a valid resource ARN, or the resource is not available in this region. at "
                        + "/States/S/Resource");
    }

    @Test
    void bounds_timeout_and_heartbeat_seconds() {
        assertDiagnostics(task("\"TimeoutSeconds\": 0, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/S/TimeoutSeconds");
        assertDiagnostics(task("\"HeartbeatSeconds\": 100000000, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Maximum value is 99999999 at /States/S/HeartbeatSeconds");
        assertDiagnostics(task("\"TimeoutSeconds\": 1.5, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type Integer at /States/S/TimeoutSeconds");
    }

    @Test
    void refuses_a_field_and_its_path_form_together() {
        assertDiagnostics(task("\"TimeoutSeconds\": 5, \"TimeoutSecondsPath\": \"$.t\", ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [TimeoutSeconds, "
                        + "TimeoutSecondsPath] at /States/S/TimeoutSeconds");
        assertDiagnostics(task("\"HeartbeatSeconds\": 5, \"HeartbeatSecondsPath\": \"$.t\", ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [HeartbeatSeconds, "
                        + "HeartbeatSecondsPath] at /States/S/HeartbeatSeconds");
    }

    @Test
    void requires_the_heartbeat_to_be_shorter_than_the_timeout() {
        assertDiagnostics(task("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 10, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds at "
                        + "/States/S/HeartbeatSeconds");
        assertValid(task("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 9, "));
    }

    @Test
    void requires_credentials_to_name_a_role() {
        assertDiagnostics(task("\"Credentials\": {\"InvalidField\": \"invalid\"}, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/S/Credentials");
        assertValid(task("\"Credentials\": {\"RoleArn.$\": \"$.role\"}, "));
        assertDiagnostics(oneState("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:us-east-1:111111111111:"
                + "activity:a\", \"Credentials\": {\"RoleArn\": \"r\"}, \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: The field 'Credentials' is not supported for activities at "
                        + "/States/S/Credentials");
    }

    @Test
    void refuses_callbacks_jobs_and_activities_in_an_express_machine() {
        assertDiagnostics(parseExpress(oneState("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::sns:publish.waitForTaskToken\", \"End\": true}"))).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service "
                        + "integration  at /States/S/Resource");
        assertDiagnostics(parseExpress(oneState("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::states:startExecution.sync:2\", \"End\": true}"))).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration at "
                        + "/States/S/Resource");
        assertDiagnostics(parseExpress(oneState("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:us-east-1:111111111111:activity:a\", \"End\": true}"))).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support Activity ARN at "
                        + "/States/S/Resource");
    }

    @Test
    void requires_exactly_one_way_to_wait() {
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Seconds\": 1, \"Timestamp\": \"2016-03-14T01:59:00Z\", "
                + "\"End\": true}")).containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the "
                + "following fields: [SecondsPath, Seconds, TimestampPath, Timestamp] at /States/S");
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: This object should have only one of the following fields: [SecondsPath, "
                        + "Seconds, TimestampPath, Timestamp] at /States/S");
    }

    @Test
    void bounds_the_seconds_of_a_wait() {
        assertValid(oneState("{\"Type\": \"Wait\", \"Seconds\": 0, \"End\": true}"));
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Seconds\": -1, \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/Seconds");
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Seconds\": \"{% 1 %}\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type Integer at /States/S/Seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-12-05T21:29:29", "2016-12-05T25:29:29Z", "2016-12-05 21:29:29Z", "tomorrow",
            "{% '2016-03-14T01:59:00Z' %}"})
    void requires_an_rfc_3339_timestamp(String timestamp) {
        assertDiagnostics(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"" + timestamp + "\", \"End\": true}"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at "
                        + "/States/S/Timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z", "2016-03-14T01:59:00+02:00"})
    void accepts_rfc_3339_timestamps(String timestamp) {
        assertValid(oneState("{\"Type\": \"Wait\", \"Timestamp\": \"" + timestamp + "\", \"End\": true}"));
    }

    @Test
    void refuses_an_error_or_cause_with_its_path_form() {
        assertDiagnostics(oneState("{\"Type\": \"Fail\", \"Error\": \"E\", \"ErrorPath\": \"$.e\", \"Cause\": \"C\", "
                + "\"CausePath\": \"$.c\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Error, ErrorPath] at "
                        + "/States/S/Error",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [Cause, CausePath] at "
                        + "/States/S/Cause");
    }
}
