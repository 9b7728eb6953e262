package io.conflux.asl.jsonata;

import static io.conflux.asl.jsonata.Jsonatas.cause;
import static io.conflux.asl.jsonata.Jsonatas.causeOf;
import static io.conflux.asl.jsonata.Jsonatas.input;
import static io.conflux.asl.jsonata.Jsonatas.json;
import static io.conflux.asl.jsonata.Jsonatas.problems;
import static org.assertj.core.api.Assertions.assertThat;

import io.conflux.asl.expr.Scope;
import io.conflux.asl.expr.SimpleScope;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonataErrorsTest {

    private static String itemsCause(String expression, Scope scope) {
        JsonataExpr items = JsonataCompiler.compileExpression("{% " + expression + " %}", "Items", "/States/M/Items",
                Jsonatas.NONE);
        return causeOf(() -> items.evaluate(scope, JsonType.ARRAY));
    }

    @Test
    void nothing_returned_is_worded_as_aws_words_it_for_each_field() {
        // all recorded by AWS
        assertThat(cause("$doesNotExist")).isEqualTo(
                "The JSONata expression '$doesNotExist' specified for the field 'Output' returned nothing (undefined).");
        assertThat(causeOf(() -> Jsonatas.template("{\"result\":\"{% $doesNotExist %}\"}", "Assign")
                .evaluate(input("{}")))).isEqualTo("The JSONata expression '$doesNotExist' specified for the field "
                + "'Assign/result' returned nothing (undefined).");
        assertThat(causeOf(() -> Jsonatas.template("{\"FunctionName\":\"{% $doesNotExist %}\"}", "Arguments")
                .evaluate(input("{}")))).isEqualTo("The JSONata expression '$doesNotExist' specified for the field "
                + "'Arguments/FunctionName' returned nothing (undefined).");
    }

    @Test
    void an_evaluation_error_carries_the_jsonata_code_and_message() {
        // recorded by AWS
        assertThat(causeOf(() -> Jsonatas.template("{\"FunctionResult\":\"{% $randomSeeded($states.input.x) %}\"}",
                "Output").evaluate(input("{\"x\":\"fst\"}")))).isEqualTo("The JSONata expression "
                + "'$randomSeeded($states.input.x)' specified for the field 'Output/FunctionResult' threw an error "
                + "during evaluation. T1006: Attempted to invoke a non-function");
    }

    @Test
    void library_errors_read_as_jsonata_js_writes_them() {
        String prefix = "The JSONata expression '%s' specified for the field 'Output' threw an error during evaluation. ";
        assertThat(cause("$sum(['a'])")).isEqualTo(prefix.formatted("$sum(['a'])")
                + "T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"");
        assertThat(cause("'a' + 1")).isEqualTo(prefix.formatted("'a' + 1")
                + "T2001: The left side of the \"+\" operator must evaluate to a number");
        assertThat(cause("1 - 'a'")).isEqualTo(prefix.formatted("1 - 'a'")
                + "T2002: The right side of the \"-\" operator must evaluate to a number");
        assertThat(cause("1 < 'a'")).isEqualTo(prefix.formatted("1 < 'a'")
                + "T2009: The values 1 and \"a\" either side of operator \"<\" must be of the same data type");
        assertThat(cause("-'a'")).isEqualTo(prefix.formatted("-'a'") + "D1002: Cannot negate a non-numeric value: \"a\"");
        assertThat(cause("$number('abc')")).isEqualTo(prefix.formatted("$number('abc')")
                + "D3030: Unable to cast value to a number: \"abc\"");
        assertThat(cause("sum([1])")).isEqualTo(prefix.formatted("sum([1])")
                + "T1005: Attempted to invoke a non-function. Did you mean $sum?");
        assertThat(cause("{1: 2}")).isEqualTo(prefix.formatted("{1: 2}")
                + "T1003: Key in object structure must evaluate to a string; got: 1");
        assertThat(cause("$error('boom')")).isEqualTo(prefix.formatted("$error('boom')") + "D3137: boom");
        assertThat(cause("$single([1,2])")).isEqualTo(prefix.formatted("$single([1,2])")
                + "D3138: The $single() function expected exactly 1 matching result.  Instead it matched more.");
    }

    @Test
    void a_runaway_recursion_fails_with_awss_stack_overflow_text() {
        // measured by others against AWS: depth 30 passes, 40 fails, without an error code
        String deep = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(%d))";
        assertThat(Jsonatas.eval(deep.formatted(30)).asInt()).isEqualTo(30);
        assertThat(cause(deep.formatted(40))).isEqualTo("The JSONata expression '" + deep.formatted(40) + "' specified "
                + "for the field 'Output' threw an error during evaluation: Stack overflow error: Check for "
                + "non-terminating recursive function. Consider rewriting as tail-recursive.");
    }

    @Test
    void a_typed_field_names_the_type_it_expected_and_got() {
        // all recorded by AWS for Map's Items
        Scope empty = input("{}");
        assertThat(itemsCause("1", empty)).isEqualTo("The JSONata expression '1' specified for the field 'Items' "
                + "returned an unexpected result type. Expected 'array', but was 'number' for value: 1");
        assertThat(itemsCause("'string'", empty)).isEqualTo("The JSONata expression ''string'' specified for the "
                + "field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: "
                + "\"string\"");
        assertThat(itemsCause("{'foo': 'bar'}", empty)).isEqualTo("The JSONata expression '{'foo': 'bar'}' specified "
                + "for the field 'Items' returned an unexpected result type. Expected 'array', but was 'object' for "
                + "value: {\"foo\":\"bar\"}");
        Scope vars = new SimpleScope(json("{}"), json("{}"), Map.of("ItemsVar", json("true"), "Null", json("null")));
        assertThat(itemsCause("$ItemsVar", vars)).isEqualTo("The JSONata expression '$ItemsVar' specified for the "
                + "field 'Items' returned an unexpected result type. Expected 'array', but was 'boolean' for value: "
                + "true");
        assertThat(itemsCause("$Null", vars)).endsWith("Expected 'array', but was 'null' for value: null");
    }

    @Test
    void a_function_value_is_an_unsupported_result_type() {
        // recorded by AWS
        assertThat(itemsCause("$fn := function($x){$x}", input("{}"))).isEqualTo("The JSONata expression "
                + "'$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.");
    }

    @Test
    void a_typed_field_accepts_its_type() {
        JsonataExpr items = JsonataCompiler.compileExpression("{% $states.input.items %}", "Items", "/Items",
                Jsonatas.NONE);
        assertThat(items.evaluate(input("{\"items\":[1,2,3]}"), JsonType.ARRAY)).isEqualTo(json("[1,2,3]"));
    }

    @Test
    void an_expression_that_does_not_parse_is_refused_at_load_with_the_parsers_message() {
        // measured by others with ValidateStateMachineDefinition: code, message and location
        assertThat(problems("{% a[1,2) %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: Expected \"]\", got \",\" at /States/Main/Output");
        assertThat(problems("{% \"unterminated %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: String literal must be terminated by a matching quote at /States/Main/Output");
        assertThat(problems("{% 1 + %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output");
        assertThat(problems("{% {\"a\":} %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: The symbol \"}\" cannot be used as a unary operator at /States/Main/Output");
        assertThat(problems("{% $x := %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output");
        assertThat(problems("{% $match(\"a\", /abc %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: No terminating / in regular expression at /States/Main/Output");
        assertThat(problems("{% phone %.other %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: The symbol \".\" cannot be used as a unary operator at /States/Main/Output");
        assertThat(problems("{%%}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: Unexpected end of expression at /States/Main/Output");
    }

    @Test
    void the_root_reference_is_refused_at_load() {
        assertThat(problems("{% $$ %}")).containsExactly(
                "UNSUPPORTED_JSONATA_EXPRESSION: Reference to '$$' is not supported. at /States/Main/Output");
        assertThat(problems("{% '$$' %}")).isEmpty();
    }

    @Test
    void operators_newer_than_awss_jsonata_do_not_parse() {
        // AWS runs JSONata 2.0.6, which has neither ?? nor ?: (both arrived in 2.1.0)
        assertThat(problems("{% $a ?? 1 %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: The symbol \"?\" cannot be used as a unary operator at /States/Main/Output");
        assertThat(problems("{% $a ?: 1 %}")).containsExactly(
                "INVALID_JSONATA_EXPRESSION: The symbol \":\" cannot be used as a unary operator at /States/Main/Output");
        assertThat(problems("{% $a ? 1 : 2 %}")).isEmpty();
    }
}
