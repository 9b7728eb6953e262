package io.conflux.triggers.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import org.junit.jupiter.api.Test;

class EventPatternTest {
    private static final String EVENT = """
            {"source": "aws.s3", "detail-type": "Object Created",
             "detail": {"bucket": {"name": "Photos"}, "object": {"key": "2026/cat.PNG", "size": 2048},
                        "tags": ["red", "blue"], "reason": null, "count": 5, "flag": true}}
            """;

    private static boolean matches(String pattern) throws Exception {
        return EventPattern.compile(Json.parse(pattern)).matches(Json.parse(EVENT));
    }

    @Test
    void exact_values_match_as_given() throws Exception {
        assertThat(matches("{\"source\": [\"aws.s3\"]}")).isTrue();
        assertThat(matches("{\"source\": [\"aws.ec2\", \"aws.s3\"]}")).isTrue();
        assertThat(matches("{\"source\": [\"AWS.S3\"]}")).isFalse();
        assertThat(matches("{\"detail\": {\"count\": [5.0]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"flag\": [true]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"reason\": [null]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"bucket\": {\"name\": [\"Photos\"]}, \"count\": [6]}}")).isFalse();
    }

    @Test
    void an_array_in_the_event_matches_when_any_element_does() throws Exception {
        assertThat(matches("{\"detail\": {\"tags\": [\"blue\"]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"tags\": [\"green\"]}}")).isFalse();
    }

    @Test
    void prefix_suffix_and_case_insensitive_matches() throws Exception {
        assertThat(matches("{\"detail\": {\"object\": {\"key\": [{\"prefix\": \"2026/\"}]}}}")).isTrue();
        assertThat(matches("{\"detail\": {\"object\": {\"key\": [{\"suffix\": \".png\"}]}}}")).isFalse();
        assertThat(matches("{\"detail\": {\"object\": {\"key\": [{\"suffix\": {\"equals-ignore-case\": \".png\"}}]}}}"))
                .isTrue();
        assertThat(matches("{\"detail\": {\"bucket\": {\"name\": [{\"equals-ignore-case\": \"photos\"}]}}}")).isTrue();
        assertThat(matches("{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"2026/*.PNG\"}]}}}")).isTrue();
        assertThat(matches("{\"detail\": {\"object\": {\"key\": [{\"wildcard\": \"2025/*\"}]}}}")).isFalse();
    }

    @Test
    void anything_but_excludes_values_lists_and_prefixes() throws Exception {
        assertThat(matches("{\"source\": [{\"anything-but\": \"aws.ec2\"}]}")).isTrue();
        assertThat(matches("{\"source\": [{\"anything-but\": [\"aws.ec2\", \"aws.s3\"]}]}")).isFalse();
        assertThat(matches("{\"source\": [{\"anything-but\": {\"prefix\": \"aws.\"}}]}")).isFalse();
        assertThat(matches("{\"source\": [{\"anything-but\": {\"suffix\": \".sqs\"}}]}")).isTrue();
        assertThat(matches("{\"detail\": {\"count\": [{\"anything-but\": 5}]}}")).isFalse();
        // a missing field is not "anything but"
        assertThat(matches("{\"detail\": {\"missing\": [{\"anything-but\": \"x\"}]}}")).isFalse();
    }

    @Test
    void numeric_ranges_compare_numbers_only() throws Exception {
        assertThat(matches("{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 1024, \"<=\", 2048]}]}}}"))
                .isTrue();
        assertThat(matches("{\"detail\": {\"object\": {\"size\": [{\"numeric\": [\">\", 2048]}]}}}")).isFalse();
        assertThat(matches("{\"detail\": {\"count\": [{\"numeric\": [\"=\", 5]}]}}")).isTrue();
        assertThat(matches("{\"source\": [{\"numeric\": [\">\", 0]}]}")).isFalse();
    }

    @Test
    void exists_looks_at_whether_the_field_is_there() throws Exception {
        assertThat(matches("{\"detail\": {\"count\": [{\"exists\": true}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"missing\": [{\"exists\": false}]}}")).isTrue();
        assertThat(matches("{\"detail\": {\"count\": [{\"exists\": false}]}}")).isFalse();
        assertThat(matches("{\"detail\": {\"missing\": [{\"exists\": true}]}}")).isFalse();
    }

    @Test
    void or_takes_any_alternative() throws Exception {
        assertThat(matches("{\"$or\": [{\"source\": [\"aws.ec2\"]}, {\"detail\": {\"count\": [5]}}]}")).isTrue();
        assertThat(matches("{\"$or\": [{\"source\": [\"aws.ec2\"]}, {\"detail\": {\"count\": [6]}}]}")).isFalse();
    }

    @Test
    void rejects_patterns_that_are_not_patterns_naming_the_place() {
        assertThatThrownBy(() -> EventPattern.compile(Json.parse("{\"source\": \"aws.s3\"}")))
                .hasMessageStartingWith("/source: expected an array of values to match or a nested pattern");
        assertThatThrownBy(() -> EventPattern.compile(Json.parse("{\"source\": []}")))
                .hasMessageStartingWith("/source: expected at least one value");
        assertThatThrownBy(() -> EventPattern.compile(Json.parse("{\"a\": [{\"numeric\": [\"~\", 1]}]}")))
                .hasMessageStartingWith("/a/0/numeric/0: expected one of <, <=, =, >, >=");
        assertThatThrownBy(() -> EventPattern.compile(Json.parse("{\"a\": [{\"regex\": \"x\"}]}")))
                .hasMessageContaining("but got 'regex'");
        JsonNode notObject = Json.NODES.textNode("x");
        assertThatThrownBy(() -> EventPattern.compile(notObject)).hasMessageStartingWith("Expected an event pattern");
    }
}
