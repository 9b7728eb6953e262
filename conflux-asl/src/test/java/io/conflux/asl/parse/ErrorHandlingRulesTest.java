package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;

import org.junit.jupiter.api.Test;

/** Retry and Catch. */
class ErrorHandlingRulesTest {
    private static String task(String recovery) {
        return "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::lambda:invoke\", " + recovery + ", \"End\": true}, "
                + "\"H\": {\"Type\": \"Succeed\"}}}";
    }

    private static String retry(String retriers) {
        return task("\"Retry\": " + retriers + ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"H\"}]");
    }

    @Test
    void accepts_a_full_retrier_and_catcher() {
        assertValid(retry("[{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": 0, \"MaxAttempts\": 0, \"BackoffRate\": "
                + "1.5, \"MaxDelaySeconds\": 10, \"JitterStrategy\": \"FULL\", \"Comment\": \"c\"}]"));
    }

    @Test
    void requires_retry_and_catch_to_be_arrays_of_objects() {
        assertDiagnostics(retry("{}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [ARRAY] at /States/T/Retry");
        assertDiagnostics(retry("[\"E\"]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [OBJECT] at /States/T/Retry[0]");
    }

    @Test
    void requires_error_equals_to_name_errors() {
        assertDiagnostics(retry("[{\"MaxAttempts\": 1}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [ErrorEquals] at /States/T/Retry[0]");
        assertDiagnostics(retry("[{\"ErrorEquals\": []}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/T/Retry[0]/ErrorEquals");
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\", 1]}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type [STRING] at /States/T/Retry[0]/ErrorEquals[1]");
    }

    @Test
    void requires_states_all_alone_and_last() {
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"States.ALL\", \"E\"]}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at "
                        + "/States/T/Retry[0]/ErrorEquals");
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"States.ALL\"]}, {\"ErrorEquals\": [\"E\"]}]"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: States.ALL must appear alone and at end of list at "
                        + "/States/T/Retry[0]/ErrorEquals");
    }

    @Test
    void bounds_the_numbers_of_a_retrier() {
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\"], \"IntervalSeconds\": -1, \"MaxAttempts\": -1, "
                + "\"BackoffRate\": 0.5, \"MaxDelaySeconds\": 0}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/T/Retry[0]/IntervalSeconds",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/T/Retry[0]/MaxAttempts",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/T/Retry[0]/BackoffRate",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 1 at /States/T/Retry[0]/MaxDelaySeconds");
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\"], \"MaxDelaySeconds\": 31622401}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Maximum value is 31622400 at /States/T/Retry[0]/MaxDelaySeconds");
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\"], \"BackoffRate\": \"2\"}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Expected value of type Number at /States/T/Retry[0]/BackoffRate");
    }

    @Test
    void knows_the_jitter_strategies() {
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\"], \"JitterStrategy\": \"HALF\"}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [NONE, FULL] at "
                        + "/States/T/Retry[0]/JitterStrategy");
    }

    @Test
    void rejects_unknown_fields_of_a_retrier_and_a_catcher_where_they_are() {
        assertDiagnostics(retry("[{\"ErrorEquals\": [\"E\"], \"Next\": \"H\"}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'Next' is not supported at /States/T/Retry[0]");
        assertDiagnostics(task("\"Catch\": [{\"ErrorEquals\": [\"E\"], \"Next\": \"H\", \"Default\": \"H\"}]"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Field 'Default' is not supported at /States/T/Catch[0]");
    }

    @Test
    void requires_a_catcher_to_say_where_to_go() {
        assertDiagnostics(task("\"Catch\": [{\"ErrorEquals\": [\"E\"]}]")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/T/Catch[0]",
                "MISSING_TRANSITION_TARGET: State \"H\" is not reachable. at /States/H");
    }

    @Test
    void requires_a_catchers_result_path_to_be_a_reference_path() {
        assertDiagnostics(task("\"Catch\": [{\"ErrorEquals\": [\"E\"], \"Next\": \"H\", \"ResultPath\": \"$..e\"}]"))
                .containsExactly("SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at "
                        + "/States/T/Catch[0]/ResultPath");
    }

    @Test
    void refuses_the_fields_of_the_other_language_in_a_catcher() {
        assertDiagnostics("{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": "
                + "\"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Catch\": [{\"ErrorEquals\": "
                + "[\"E\"], \"Next\": \"H\", \"ResultPath\": \"$.e\"}], \"End\": true}, \"H\": {\"Type\": \"Succeed\"}}}")
                .containsExactly("SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field "
                        + "'ResultPath' is only supported for the 'JSONPath' QueryLanguage at /States/T/Catch[0]");
    }
}
