package io.conflux.asl.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPathTest {

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    private static JsonNode read(String path, String input) throws Exception {
        return JsonPath.compile(path, true).evaluate(Scope.ofInput(json(input)));
    }

    @Test
    void simple_paths_select_nodes_without_copying() throws Exception {
        JsonNode input = json("{\"a\":{\"b\":[1,{\"c\":\"x\"}]}}");
        JsonNode got = JsonPath.compile("$.a.b[1]", false).evaluate(Scope.ofInput(input));
        assertThat(got).isSameAs(input.get("a").get("b").get(1));
        assertThat(read("$['a']['b'][0]", "{\"a\":{\"b\":[7]}}").asInt()).isEqualTo(7);
    }

    @Test
    void indefinite_paths_return_arrays() throws Exception {
        assertThat(read("$.items[*].id", "{\"items\":[{\"id\":1},{\"id\":2}]}")).isEqualTo(json("[1,2]"));
        assertThat(read("$..id", "{\"items\":[{\"id\":1},{\"id\":2}]}")).isEqualTo(json("[1,2]"));
        assertThat(read("$.items[?(@.id > 1)]", "{\"items\":[{\"id\":1},{\"id\":2}]}"))
                .isEqualTo(json("[{\"id\":2}]"));
        assertThat(read("$.items[*].id", "{\"items\":[]}")).isEqualTo(json("[]"));
    }

    @Test
    void leaf_values_stay_json() throws Exception {
        assertThat(read("$.s", "{\"s\":\"text\"}").isTextual()).isTrue();
        assertThat(read("$.items.length()", "{\"items\":[1,2,3]}").asInt()).isEqualTo(3);
    }

    @Test
    void missing_paths_are_worded_as_jsonpath_words_them() {
        assertThatThrownBy(() -> read("$.foo", "{}"))
                .isInstanceOf(PathNotFoundException.class)
                .hasMessage("Invalid path '$.foo' : No results for path: $['foo']");
        assertThatThrownBy(() -> read("$.no.such.path", "{}"))
                .hasMessage("Invalid path '$.no.such.path' : Missing property in path $['no']");
    }

    @Test
    void context_and_variable_roots() throws Exception {
        SimpleScope scope = new SimpleScope(json("{}"), json("{\"Execution\":{\"Id\":\"e1\"}}"),
                java.util.Map.of("x", json("{\"y\":2}")));
        assertThat(JsonPath.compile("$$.Execution.Id", false).evaluate(scope).asText()).isEqualTo("e1");
        assertThat(JsonPath.compile("$x.y", true).evaluate(scope).asInt()).isEqualTo(2);
        assertThat(JsonPath.compile("$x", true).evaluate(scope)).isEqualTo(json("{\"y\":2}"));
    }

    @Test
    void reference_paths_write_copies_along_the_path_only() throws Exception {
        JsonNode input = json("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"b\":1}}");
        ReferencePath p = ReferencePath.tryParse("$.a.c.d");
        JsonNode out = p.set(input, json("5"));
        assertThat(out).isEqualTo(json("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"b\":1,\"c\":{\"d\":5}}}"));
        assertThat(out.get("keep")).isSameAs(input.get("keep"));
        assertThat(input).isEqualTo(json("{\"keep\":{\"big\":[1,2,3]},\"a\":{\"b\":1}}"));
        assertThat(ReferencePath.tryParse("$.a").set(json("{\"a\":\"s\"}"), json("1"))).isEqualTo(json("{\"a\":1}"));
        assertThat(ReferencePath.tryParse("$.a.b").set(json("{\"a\":\"s\"}"), json("1"))).isNull();
        assertThat(ReferencePath.tryParse("$.a[*]")).isNull();
        assertThat(ReferencePath.tryParse("$..a")).isNull();
    }
}
