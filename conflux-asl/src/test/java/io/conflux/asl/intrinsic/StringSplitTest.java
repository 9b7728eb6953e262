package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.json;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringSplitTest {

    private static String split(String string, String delimiters) {
        return io.conflux.asl.expr.Json.write(eval("States.StringSplit($.s, $.d)", "{\"s\": \"" + string
                + "\", \"d\": \"" + delimiters + "\"}"));
    }

    @Test
    void splits_on_a_delimiter() {
        assertThat(split("1,2,3,4,5", ",")).isEqualTo("[\"1\",\"2\",\"3\",\"4\",\"5\"]");
    }

    @Test
    void splits_on_every_character_of_the_delimiter_string() {
        assertThat(split("This.is+a,test=string", ".+,=")).isEqualTo("[\"This\",\"is\",\"a\",\"test\",\"string\"]");
        assertThat(split("split on T and \\nnew line", "T\\n")).isEqualTo("[\"split on \",\" and \",\"new line\"]");
    }

    @Test
    void drops_empty_pieces() {
        assertThat(split(",,,,", ",")).isEqualTo("[]");
        assertThat(split("a,,b,", ",")).isEqualTo("[\"a\",\"b\"]");
        assertThat(split("", ",")).isEqualTo("[]");
    }

    @Test
    void keeps_the_string_whole_without_delimiters() {
        assertThat(split("a,b", "")).isEqualTo("[\"a,b\"]");
        assertThat(split("a,b", ";")).isEqualTo("[\"a,b\"]");
    }

    @Test
    void takes_literal_strings_with_escapes() {
        assertThat(eval("States.StringSplit('a\\'b c', '\\' ')")).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
    }

    @Test
    void takes_only_strings() {
        assertThat(runtimeCause("States.StringSplit($.s, ',')", "{\"s\": [\"a,b\"]}")).isEqualTo(
                "The function 'States.StringSplit($.s, ',')' had the following error: "
                        + "Invalid arguments in States.StringSplit");
    }
}
