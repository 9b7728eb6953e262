package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    private static String format(String expression, String input) {
        return eval(expression, input).textValue();
    }

    @Test
    void replaces_each_placeholder_with_the_matching_value() {
        assertThat(format("States.Format('Hello, my name is {}.', $.name)", "{\"name\": \"Arnav\"}"))
                .isEqualTo("Hello, my name is Arnav.");
        assertThat(format("States.Format('fst={} and snd={}.', $.a, $.b)", "{\"a\": \"\", \"b\": \" \"}"))
                .isEqualTo("fst= and snd= .");
        assertThat(format("States.Format('no placeholders')", "{}")).isEqualTo("no placeholders");
    }

    @Test
    void writes_values_as_aws_java_prints_them() {
        String input = "{\"i\": 1, \"d\": 1.1, \"whole\": 1.0, \"big\": 1e21, \"n\": null, \"t\": true, "
                + "\"o\": {\"Arg1\": 1, \"Arg2\": [], \"s\": \"x y\"}, \"a\": [1, \"two\", [3], {\"k\": null}], "
                + "\"json\": \"{\\\"Arg1\\\": 1}\", \"huge\": 123456789012345678901234567890}";
        assertThat(format("States.Format('{}|{}|{}|{}|{}|{}', $.i, $.d, $.whole, $.big, $.n, $.t)", input))
                .isEqualTo("1|1.1|1.0|1.0E21|null|true");
        assertThat(format("States.Format('{}', $.o)", input)).isEqualTo("{Arg1=1, Arg2=[], s=x y}");
        assertThat(format("States.Format('{}', $.a)", input)).isEqualTo("[1, two, [3], {k=null}]");
        assertThat(format("States.Format('{}', $.json)", input)).isEqualTo("{\"Arg1\": 1}");
        assertThat(format("States.Format('{}', $.huge)", input)).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void writes_the_context_object_as_recorded_on_aws() {
        var scope = new io.conflux.asl.expr.SimpleScope(IntrinsicTesting.json("{}"), IntrinsicTesting.json(
                "{\"StateMachine\": {\"Id\": \"arn:aws:states:us-east-1:1:stateMachine:M\", \"Name\": \"M\"}}"),
                null);
        assertThat(eval("States.Format('snd={}.', $$.StateMachine)", scope).textValue())
                .isEqualTo("snd={Id=arn:aws:states:us-east-1:1:stateMachine:M, Name=M}.");
    }

    @Test
    void literal_values_are_written_the_same_way() {
        assertThat(format("States.Format('{} {} {} {} {}', 'a', 1, -2.50, false, null)", "{}"))
                .isEqualTo("a 1 -2.5 false null");
    }

    @Test
    void escaped_braces_quotes_and_backslashes_stand_for_themselves() {
        assertThat(format("States.Format('\\{{}\\} it\\'s a \\\\ {}', 1, 2)", "{}")).isEqualTo("{1} it's a \\ 2");
    }

    @Test
    void takes_the_template_from_a_path() {
        assertThat(format("States.Format($.t, $.name)", "{\"t\": \"Hello, my name is {}.\", \"name\": \"Arnav\"}"))
                .isEqualTo("Hello, my name is Arnav.");
    }

    @Test
    void a_template_from_a_path_is_only_split_at_placeholders() {
        assertThat(format("States.Format($.t, 1, 2)", "{\"t\": \"{a} \\\\{} }{}\"}")).isEqualTo("{a} \\1 }2");
    }

    @Test
    void takes_the_template_from_a_call() {
        assertThat(format("States.Format(States.Format('{}{}', '{', '}'), 7)", "{}")).isEqualTo("7");
    }

    @Test
    void rejects_lone_braces_in_a_literal_template() {
        assertThat(loadError("States.Format('{\"a\": {}}', 1)")).isEqualTo("Expected '{' in the template of "
                + "States.Format to be part of a {} placeholder or escaped as \\{, but it stands alone at character 1"
                + " of '{\"a\": {}}' in 'States.Format('{\"a\": {}}', 1)'");
        assertThat(loadError("States.Format('a } b')")).isEqualTo("Expected '}' in the template of States.Format "
                + "to be part of a {} placeholder or escaped as \\}, but it stands alone at character 3 of 'a } b' in"
                + " 'States.Format('a } b')'");
    }

    @Test
    void needs_one_value_per_placeholder() {
        assertThat(loadError("States.Format('{} and {}', $.a)")).isEqualTo("Expected as many values after the "
                + "template of States.Format as it has {} placeholders (2), but got 1 in "
                + "'States.Format('{} and {}', $.a)'");
        assertThat(runtimeCause("States.Format($.t, 1)", "{\"t\": \"{} {}\"}")).isEqualTo(
                "The function 'States.Format($.t, 1)' had the following error: Invalid arguments in States.Format");
    }

    @Test
    void needs_a_string_template() {
        assertThat(runtimeCause("States.Format($.t)", "{\"t\": 1}")).isEqualTo(
                "The function 'States.Format($.t)' had the following error: Invalid arguments in States.Format");
    }
}
