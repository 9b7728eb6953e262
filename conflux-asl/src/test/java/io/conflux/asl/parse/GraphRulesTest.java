package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.Diagnostic;
import org.junit.jupiter.api.Test;

/** Transitions, reachability and ends, in every graph. */
class GraphRulesTest {

    @Test
    void reports_a_next_to_a_missing_state_and_what_became_unreachable() {
        assertDiagnostics("{\"StartAt\": \"pass1\", \"States\": {\"pass1\": {\"Type\": \"Pass\", \"Next\": \"pass3\"}, "
                + "\"pass2\": {\"Type\": \"Pass\", \"End\": true}}}").containsExactly(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next",
                "MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. at /States/pass2");
    }

    @Test
    void joins_several_problems_into_one_message_as_aws_does() {
        // AWS's answer to this definition, quoted in localstack/localstack#11978.
        assertThat(parse("{\"StartAt\": \"pass1\", \"States\": {\"pass1\": {\"Type\": \"Pass\", \"Next\": "
                + "\"pass3\"}, \"pass2\": {\"Type\": \"Pass\", \"End\": true}}}").invalidDefinitionMessage())
                .isEqualTo("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: "
                        + "pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State \"pass2\" is not reachable. "
                        + "at /States/pass2'");
    }

    @Test
    void reports_a_start_at_naming_no_state_and_every_state_as_unreachable() {
        assertDiagnostics("{\"StartAt\": \"Nope\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\": true}}}")
                .containsExactly("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope at /StartAt",
                        "MISSING_TRANSITION_TARGET: State \"A\" is not reachable. at /States/A");
    }

    @Test
    void reports_a_catchers_missing_target_at_the_catcher() {
        assertDiagnostics("{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::lambda:invoke\", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": "
                + "\"Ghost\"}], \"End\": true}}}").containsExactly(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/T/Catch[0]/Next");
    }

    @Test
    void reports_choice_targets_that_are_missing() {
        assertDiagnostics("{\"StartAt\": \"C\", \"States\": {\"C\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": "
                + "\"$.x\", \"IsPresent\": true, \"Next\": \"Ghost\"}], \"Default\": \"Gone\"}}}").containsExactly(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/C/Choices[0]/Next",
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Gone at /States/C/Default",
                "MISSING_END_STATE: Workflow has no terminal state at null");
    }

    @Test
    void requires_a_terminal_state_at_the_top_level_and_then_says_nothing_else() {
        io.conflux.asl.ParseResult result = parse("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}, "
                + "\"B\": {\"Type\": \"Pass\", \"Next\": \"A\"}, \"Unused\": {\"Type\": \"Pass\", \"Next\": \"A\"}}}");
        assertThat(result.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("MISSING_END_STATE");
            assertThat(d.message()).isEqualTo("Workflow has no terminal state");
            assertThat(d.location()).isNull();
            assertThat(d.pointer()).isNull();
        });
        assertThat(result.invalidDefinitionMessage()).isEqualTo(
                "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
    }

    @Test
    void accepts_a_loop_without_end_inside_a_map() {
        assertValid("{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": "
                + "\"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}, \"B\": {\"Type\": \"Pass\", "
                + "\"Next\": \"A\"}}}, \"End\": true}}}");
    }

    @Test
    void checks_the_graphs_inside_branches_and_processors_on_their_own() {
        assertDiagnostics("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": [{"
                + "\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Pass\", \"Next\": \"P\"}, \"Ghost\": "
                + "{\"Type\": \"Pass\", \"End\": true}}}], \"End\": true}}}").containsExactly(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: P at /States/P/Branches[0]/States/W/Next",
                "MISSING_TRANSITION_TARGET: State \"Ghost\" is not reachable. at /States/P/Branches[0]/States/Ghost");
    }

    @Test
    void prints_state_names_in_locations_as_aws_does_unescaped() {
        Diagnostic d = parse("{\"StartAt\": \"Start\", \"States\": {\"Start\": {\"Type\": \"Pass\", \"End\": true}, "
                + "\"a/b~c\": {\"Type\": \"Pass\", \"End\": true}}}").errors().get(0);
        assertThat(d.awsText()).isEqualTo("MISSING_TRANSITION_TARGET: State \"a/b~c\" is not reachable. at /States/a/b~c");
        assertThat(d.pointer()).isEqualTo("/States/a~1b~0c");
    }

}
