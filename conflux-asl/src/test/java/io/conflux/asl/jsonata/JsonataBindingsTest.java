package io.conflux.asl.jsonata;

import static io.conflux.asl.jsonata.Jsonatas.cause;
import static io.conflux.asl.jsonata.Jsonatas.eval;
import static io.conflux.asl.jsonata.Jsonatas.expr;
import static io.conflux.asl.jsonata.Jsonatas.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.conflux.asl.expr.Json;
import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonataBindingsTest {

    /** A scope that records what an evaluation asked of it. */
    private static final class RecordingScope implements Scope {
        final JsonNode input = json("{\"a\":1}");
        final JsonNode context = json("{\"State\":{\"Name\":\"S\"}}");
        final JsonNode result;
        final JsonNode errorOutput;
        final Map<String, JsonNode> variables = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        RecordingScope(JsonNode result, JsonNode errorOutput) {
            this.result = result;
            this.errorOutput = errorOutput;
        }

        @Override
        public JsonNode input() {
            asked.add("input");
            return input;
        }

        @Override
        public JsonNode context() {
            asked.add("context");
            return context;
        }

        @Override
        public JsonNode variable(String name) {
            asked.add("$" + name);
            return variables.get(name);
        }

        @Override
        public JsonNode result() {
            asked.add("result");
            return result;
        }

        @Override
        public JsonNode errorOutput() {
            asked.add("errorOutput");
            return errorOutput;
        }
    }

    @Test
    void states_input_and_context_come_from_the_scope() {
        RecordingScope scope = new RecordingScope(null, null);
        assertThat(eval("$states.input.a", scope).asInt()).isEqualTo(1);
        assertThat(eval("$states.context.State.Name", scope).asText()).isEqualTo("S");
    }

    @Test
    void the_context_object_is_read_only_when_the_expression_reads_it() {
        RecordingScope scope = new RecordingScope(null, null);
        eval("$states.input.a + 1", scope);
        assertThat(scope.asked).containsExactly("input");
    }

    @Test
    void states_result_and_error_output_exist_only_where_the_scope_has_them() {
        RecordingScope task = new RecordingScope(json("{\"Payload\":2}"), null);
        assertThat(eval("$states.result.Payload", task).asInt()).isEqualTo(2);
        RecordingScope pass = new RecordingScope(null, null);
        assertThat(cause("$states.result", pass)).isEqualTo(
                "The JSONata expression '$states.result' specified for the field 'Output' returned nothing (undefined).");
        RecordingScope catcher = new RecordingScope(null, json("{\"Error\":\"E\",\"Cause\":\"c\"}"));
        assertThat(eval("$states.errorOutput.Error", catcher).asText()).isEqualTo("E");
    }

    @Test
    void states_as_a_whole_lists_input_context_and_the_result_in_awss_order() {
        JsonNode all = eval("$states", new RecordingScope(json("[1,1,1]"), null));
        assertThat(all).isEqualTo(json("{\"input\":{\"a\":1},\"context\":{\"State\":{\"Name\":\"S\"}},\"result\":[1,1,1]}"));
        assertThat(List.of(all.fieldNames().next())).containsExactly("input");
        JsonNode caught = eval("$states", new RecordingScope(null, json("{\"Error\":\"E\"}")));
        assertThat(caught.has("errorOutput")).isTrue();
        assertThat(caught.has("result")).isFalse();
    }

    @Test
    void workflow_variables_are_read_by_name_and_only_those_the_expression_names() {
        RecordingScope scope = new RecordingScope(null, null);
        scope.variables.put("count", json("3"));
        scope.variables.put("unused", json("\"x\""));
        assertThat(eval("$count * 2", scope).asInt()).isEqualTo(6);
        assertThat(scope.asked).containsExactly("$count");
    }

    @Test
    void a_variable_holding_json_null_is_null_not_undefined() {
        RecordingScope scope = new RecordingScope(null, null);
        scope.variables.put("nothing", Json.NODES.nullNode());
        assertThat(eval("$nothing", scope).isNull()).isTrue();
        assertThat(eval("$exists($nothing)", scope).asBoolean()).isTrue();
    }

    @Test
    void an_unassigned_variable_is_undefined() {
        assertThat(cause("$doesNotExist")).isEqualTo(
                "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
    }

    @Test
    void a_local_binding_is_not_confused_with_a_workflow_variable() {
        RecordingScope scope = new RecordingScope(null, null);
        scope.variables.put("x", json("100"));
        assertThat(eval("($x := 1; $x + 1)", scope).asInt()).isEqualTo(2);
        assertThat(eval("$map([1,2], function($x){ $x * 10 })", scope)).isEqualTo(json("[10,20]"));
    }

    @Test
    void names_inside_strings_comments_and_regexes_are_not_looked_up() {
        RecordingScope scope = new RecordingScope(null, null);
        eval("/* $a */ '$b' & \"$c\" & $string($contains('x', /$d/))", scope);
        // function names are looked up too: a workflow variable may shadow one, as JSONata bindings do
        assertThat(scope.asked).containsExactly("$string", "$contains");
    }

    @Test
    void one_evaluation_never_sees_another_ones_variables() {
        // The library keeps the frame of the last evaluation in its per-thread instance; an expression evaluated
        // while it is that instance would inherit $x from the evaluation before. This pins that it does not.
        JsonataExpr e = expr("($y := 5; $x)");
        assertThat(e.evaluate(new SimpleScope(json("{}"), json("{}"), Map.of("x", json("1")))).asInt()).isEqualTo(1);
        assertThat(Jsonatas.causeOf(() -> e.evaluate(new SimpleScope(json("{}"), json("{}"), Map.of()))))
                .endsWith("returned nothing (undefined).");
        JsonataExpr y = expr("$y");
        assertThat(Jsonatas.causeOf(() -> y.evaluate(new SimpleScope(json("{}"), json("{}"), Map.of()))))
                .endsWith("returned nothing (undefined).");
    }

    @Test
    void one_compiled_expression_is_shared_by_many_threads() throws Exception {
        JsonataExpr shared = expr("($t := $states.input.id; $sum($states.input.values) + $t * 1000 + $offset)");
        int threads = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger wrong = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        JsonNode in = Json.object().put("id", id).set("values", Json.array().add(i).add(1));
                        Scope s = new SimpleScope(in, Json.object(), Map.of("offset", Json.NODES.numberNode(id)));
                        if (shared.evaluate(s).longValue() != i + 1 + id * 1000L + id) {
                            wrong.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wrong).hasValue(0);
    }
}
