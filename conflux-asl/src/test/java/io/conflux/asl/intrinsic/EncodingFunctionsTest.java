package io.conflux.asl.intrinsic;

import static io.conflux.asl.intrinsic.IntrinsicTesting.eval;
import static io.conflux.asl.intrinsic.IntrinsicTesting.loadError;
import static io.conflux.asl.intrinsic.IntrinsicTesting.runtimeCause;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingFunctionsTest {

    private static String input(String value) {
        return "{\"v\": \"" + value + "\"}";
    }

    @Test
    void base64_encodes_utf8_text() {
        assertThat(eval("States.Base64Encode($.v)", input("Data to encode")).textValue())
                .isEqualTo("RGF0YSB0byBlbmNvZGU=");
        assertThat(eval("States.Base64Encode($.v)", input("")).textValue()).isEmpty();
        assertThat(eval("States.Base64Encode('héllo ✓')").textValue()).isEqualTo("aMOpbGxvIOKckw==");
    }

    @Test
    void base64_encoding_does_not_break_long_lines() {
        assertThat(eval("States.Base64Encode($.v)", input("x".repeat(100))).textValue()).doesNotContain("\n");
    }

    @Test
    void base64_decodes_to_utf8_text() {
        assertThat(eval("States.Base64Decode($.v)", input("RGF0YSB0byBlbmNvZGU=")).textValue())
                .isEqualTo("Data to encode");
        assertThat(eval("States.Base64Decode($.v)", input("")).textValue()).isEmpty();
        assertThat(eval("States.Base64Decode('aMOpbGxvIOKckw==')").textValue()).isEqualTo("héllo ✓");
    }

    @Test
    void base64_decoding_skips_mime_line_breaks() {
        assertThat(eval("States.Base64Decode($.v)", input("RGF0YSB0\\r\\nbyBlbmNvZGU=")).textValue())
                .isEqualTo("Data to encode");
    }

    @Test
    void base64_decoding_rejects_what_is_not_base64() {
        assertThat(runtimeCause("States.Base64Decode($.v)", input("###"))).isEqualTo(
                "The function 'States.Base64Decode($.v)' had the following error: "
                        + "Invalid arguments in States.Base64Decode");
        assertThat(loadError("States.Base64Decode('a!b')")).startsWith(
                "Expected the argument of States.Base64Decode to be Base64 data, but it is not: ");
    }

    @Test
    void base64_takes_at_most_10000_characters() {
        assertThat(eval("States.Base64Encode($.v)", input("a".repeat(10_000))).textValue()).hasSize(13_336);
        assertThat(runtimeCause("States.Base64Encode($.v)", input("a".repeat(10_001)))).isEqualTo(
                "The function 'States.Base64Encode($.v)' had the following error: "
                        + "Invalid arguments in States.Base64Encode");
        assertThat(runtimeCause("States.Base64Decode($.v)", input("a".repeat(10_004)))).isEqualTo(
                "The function 'States.Base64Decode($.v)' had the following error: "
                        + "Invalid arguments in States.Base64Decode");
        assertThat(loadError("States.Base64Encode('" + "a".repeat(10_001) + "')")).startsWith(
                "Expected the data of States.Base64Encode to have at most 10000 characters, but it has 10001 in ");
    }

    @Test
    void base64_takes_only_strings() {
        assertThat(runtimeCause("States.Base64Encode($.v)", "{\"v\": 1}")).isEqualTo(
                "The function 'States.Base64Encode($.v)' had the following error: "
                        + "Invalid arguments in States.Base64Encode");
    }

    @Test
    void hash_computes_each_algorithm_as_recorded_on_aws() {
        String data = "{\"d\": \"input data\"}";
        assertThat(eval("States.Hash($.d, 'MD5')", data).textValue()).isEqualTo("812f45842bc6d66ee14572ce20db8e86");
        assertThat(eval("States.Hash($.d, 'SHA-1')", data).textValue())
                .isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
        assertThat(eval("States.Hash($.d, 'SHA-256')", data).textValue())
                .isEqualTo("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
        assertThat(eval("States.Hash($.d, 'SHA-384')", data).textValue()).isEqualTo("d28a7d5cf25a74f11a50a18452b75e0"
                + "4bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562");
        assertThat(eval("States.Hash($.d, 'SHA-512')", data).textValue()).isEqualTo("6ce4adb348546d4f449c4d25aad9a7c9"
                + "cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4");
    }

    @Test
    void hash_rejects_an_unknown_algorithm() {
        assertThat(loadError("States.Hash($.d, 'sha-256')")).isEqualTo("Expected the algorithm of States.Hash to be "
                + "one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, but got 'sha-256' in 'States.Hash($.d, 'sha-256')'");
        assertThat(runtimeCause("States.Hash($.d, $.a)", "{\"d\": \"x\", \"a\": \"SHA-3\"}")).isEqualTo(
                "The function 'States.Hash($.d, $.a)' had the following error: Invalid arguments in States.Hash");
    }

    @Test
    void hash_takes_a_string_of_at_most_10000_characters() {
        assertThat(runtimeCause("States.Hash($.d, 'MD5')", "{\"d\": {\"a\": 1}}")).isEqualTo(
                "The function 'States.Hash($.d, 'MD5')' had the following error: Invalid arguments in States.Hash");
        assertThat(runtimeCause("States.Hash($.d, 'MD5')", "{\"d\": \"" + "a".repeat(10_001) + "\"}")).isEqualTo(
                "The function 'States.Hash($.d, 'MD5')' had the following error: Invalid arguments in States.Hash");
    }
}
