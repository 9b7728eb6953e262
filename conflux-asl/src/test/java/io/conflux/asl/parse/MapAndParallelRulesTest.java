package io.conflux.asl.parse;

import static io.conflux.asl.parse.Definitions.assertDiagnostics;
import static io.conflux.asl.parse.Definitions.assertValid;
import static io.conflux.asl.parse.Definitions.oneJsonataState;
import static io.conflux.asl.parse.Definitions.oneState;
import static io.conflux.asl.parse.Definitions.parseExpress;

import org.junit.jupiter.api.Test;

/** Map and Parallel: the graphs they hold and the fields that drive them. */
class MapAndParallelRulesTest {
    private static final String PROCESSOR = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
            + "\"End\": true}}}";

    private static String map(String fields) {
        return oneState("{\"Type\": \"Map\", " + fields + "\"End\": true}");
    }

    private static String mapWithProcessor(String fields) {
        return map("\"ItemProcessor\": " + PROCESSOR + ", " + fields);
    }

    private static String distributed(String config) {
        return map("\"ItemProcessor\": {\"ProcessorConfig\": " + config + ", \"StartAt\": \"P\", \"States\": {\"P\": "
                + "{\"Type\": \"Pass\", \"End\": true}}}, ");
    }

    @Test
    void requires_one_item_processor() {
        assertDiagnostics(map("")).containsExactly("SCHEMA_VALIDATION_FAILED: This object should have only one "
                + "of the following fields: [ItemProcessor, Iterator] at /States/S");
        assertDiagnostics(mapWithProcessor("\"Iterator\": " + PROCESSOR.replace("\"P\"", "\"Q\"") + ", "))
                .containsExactly("SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: "
                        + "[ItemProcessor, Iterator] at /States/S/ItemProcessor");
        assertValid(map("\"Iterator\": " + PROCESSOR + ", "));
    }

    @Test
    void refuses_item_selector_with_the_legacy_parameters() {
        assertDiagnostics(mapWithProcessor("\"ItemSelector\": {}, \"Parameters\": {}, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ItemSelector, "
                        + "Parameters] at /States/S/ItemSelector");
    }

    @Test
    void requires_items_path_to_select_one_value() {
        assertDiagnostics(mapWithProcessor("\"ItemsPath\": \"$.a..b\", ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value is not a Reference Path at /States/S/ItemsPath");
        assertValid(mapWithProcessor("\"ItemsPath\": \"$items\", "));
    }

    @Test
    void bounds_the_concurrency_and_the_tolerated_failures() {
        assertDiagnostics(mapWithProcessor("\"MaxConcurrency\": -1, \"ToleratedFailurePercentage\": 101, "
                + "\"ToleratedFailureCount\": -1, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/MaxConcurrency",
                "SCHEMA_VALIDATION_FAILED: Minimum value is 0 at /States/S/ToleratedFailureCount",
                "SCHEMA_VALIDATION_FAILED: Maximum value is 100 at /States/S/ToleratedFailurePercentage");
        assertValid(mapWithProcessor("\"MaxConcurrency\": 9223372036854775807, \"ToleratedFailurePercentage\": 0.5, "));
    }

    @Test
    void refuses_a_limit_with_its_path_form() {
        assertDiagnostics(mapWithProcessor("\"MaxConcurrency\": 2, \"MaxConcurrencyPath\": \"$.m\", "
                + "\"ToleratedFailureCount\": 1, \"ToleratedFailureCountPath\": \"$.c\", "
                + "\"ToleratedFailurePercentage\": 1, \"ToleratedFailurePercentagePath\": \"$.p\", ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [MaxConcurrency, "
                        + "MaxConcurrencyPath] at /States/S/MaxConcurrency",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: [ToleratedFailureCount, "
                        + "ToleratedFailureCountPath] at /States/S/ToleratedFailureCount",
                "SCHEMA_VALIDATION_FAILED: There should only be one of the following fields: "
                        + "[ToleratedFailurePercentage, ToleratedFailurePercentagePath] at "
                        + "/States/S/ToleratedFailurePercentage");
    }

    @Test
    void knows_the_processor_modes_and_what_each_needs() {
        assertValid(distributed("{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}"));
        assertDiagnostics(distributed("{\"Mode\": \"REMOTE\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [INLINE, DISTRIBUTED] at "
                        + "/States/S/ItemProcessor/ProcessorConfig/Mode");
        assertDiagnostics(distributed("{\"Mode\": \"DISTRIBUTED\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType] at "
                        + "/States/S/ItemProcessor/ProcessorConfig");
        assertDiagnostics(distributed("{\"Mode\": \"INLINE\", \"ExecutionType\": \"STANDARD\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'ExecutionType' is not supported at "
                        + "/States/S/ItemProcessor/ProcessorConfig");
        assertDiagnostics(distributed("{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"BATCH\"}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [STANDARD, EXPRESS] at "
                        + "/States/S/ItemProcessor/ProcessorConfig/ExecutionType");
    }

    @Test
    void refuses_a_distributed_map_in_an_express_machine() {
        assertDiagnostics(parseExpress(distributed("{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}")))
                .containsExactly("SCHEMA_VALIDATION_FAILED: The field 'Mode' with value 'DISTRIBUTED' is not "
                        + "supported inside 'EXPRESS' state machines at /States/S/ItemProcessor/ProcessorConfig/Mode");
    }

    @Test
    void refuses_a_query_language_on_an_item_processor_or_a_branch() {
        assertDiagnostics(map("\"ItemProcessor\": {\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": "
                + "{\"P\": {\"Type\": \"Pass\", \"End\": true}}}, ")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'QueryLanguage' is not supported at /States/S/ItemProcessor");
        assertDiagnostics(oneState("{\"Type\": \"Parallel\", \"Branches\": [{\"ProcessorConfig\": {}, \"StartAt\": "
                + "\"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}], \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Field 'ProcessorConfig' is not supported at /States/S/Branches[0]");
    }

    @Test
    void requires_a_branch_to_have_states_and_a_start() {
        assertDiagnostics(oneState("{\"Type\": \"Parallel\", \"Branches\": [{}], \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /States/S/Branches[0]");
        assertDiagnostics(oneState("{\"Type\": \"Parallel\", \"Branches\": [], \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/S/Branches");
        assertDiagnostics(oneState("{\"Type\": \"Parallel\", \"End\": true}")).containsExactly(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Branches] at /States/S");
    }

    @Test
    void limits_labels_to_40_characters_and_one_map_each() {
        String label = "L".repeat(41);
        assertDiagnostics(mapWithProcessor("\"Label\": \"" + label + "\", ")).containsExactly("INVALID_LABEL_NAME: "
                + "Label '" + label + "' exceeds the 40-character limit allowed by the service at /States/S/Label");
        assertDiagnostics("{\"StartAt\": \"A\", \"States\": {"
                + "\"A\": {\"Type\": \"Map\", \"Label\": \"L\", \"ItemProcessor\": " + PROCESSOR + ", \"Next\": \"B\"},"
                + "\"B\": {\"Type\": \"Map\", \"Label\": \"L\", \"ItemProcessor\": "
                + PROCESSOR.replace("\"P\"", "\"Q\"") + ", \"End\": true}}}")
                .containsExactly("DUPLICATE_LABEL_NAME: Duplicate Label name: L at /States/B/Label");
    }

    @Test
    void refuses_items_in_a_jsonpath_map_and_items_path_in_a_jsonata_one() {
        assertDiagnostics(mapWithProcessor("\"Items\": [1], ")).containsExactly("SCHEMA_VALIDATION_FAILED: The "
                + "QueryLanguage is set to 'JSONPath', but field 'Items' is only supported for the 'JSONata' "
                + "QueryLanguage at /States/S");
        assertDiagnostics(oneJsonataState("{\"Type\": \"Map\", \"ItemsPath\": \"$.a\", \"ItemProcessor\": "
                + PROCESSOR + ", \"End\": true}")).containsExactly("SCHEMA_VALIDATION_FAILED: The QueryLanguage is "
                + "set to 'JSONata', but field 'ItemsPath' is only supported for the 'JSONPath' QueryLanguage at "
                + "/States/S");
    }

    @Test
    void refuses_maps_and_parallels_nested_too_deeply() {
        String graph = "{\"StartAt\": \"S0\", \"States\": {\"S0\": {\"Type\": \"Succeed\"}}}";
        for (int i = GraphReader.MAX_DEPTH + 1; i > 0; i--) {
            graph = "{\"StartAt\": \"S" + i + "\", \"States\": {\"S" + i + "\": {\"Type\": \"Parallel\", "
                    + "\"Branches\": [" + graph + "], \"End\": true}}}";
        }
        StringBuilder at = new StringBuilder();
        for (int i = 1; i <= GraphReader.MAX_DEPTH + 1; i++) {
            at.append("/States/S").append(i).append("/Branches[0]");
        }
        assertDiagnostics(graph).containsExactly("TOO_DEEPLY_NESTED: The states are nested more than "
                + GraphReader.MAX_DEPTH + " levels deep at " + at);
    }
}
