package io.conflux.asl.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WildcardTest {

    @Test
    void compiles_to_the_literal_pieces_between_stars() throws Exception {
        assertThat(Wildcard.compile("foo*.log").pieces()).containsExactly("foo", ".log");
        assertThat(Wildcard.compile("*").pieces()).containsExactly("", "");
        assertThat(Wildcard.compile("a\\*b*c\\\\").pieces()).containsExactly("a*b", "c\\");
        assertThat(Wildcard.compile("").pieces()).isEqualTo(List.of(""));
    }

    @Test
    void rejects_open_escapes() {
        assertThatThrownBy(() -> Wildcard.compile("a\\")).hasMessageContaining("open escape at index 1");
        assertThatThrownBy(() -> Wildcard.compile("\\n")).hasMessageContaining("open escape at index 0");
    }

    @Test
    void a_suffix_cannot_reuse_the_characters_of_the_prefix() throws Exception {
        assertThat(Wildcard.compile("ab*ba").matches("aba")).isFalse();
        assertThat(Wildcard.compile("ab*ba").matches("abba")).isTrue();
        assertThat(Wildcard.compile("a*a*a").matches("aa")).isFalse();
        assertThat(Wildcard.compile("a*a*a").matches("aaa")).isTrue();
    }

    @Test
    void matching_is_linear_on_patterns_that_defeat_backtracking() throws Exception {
        Wildcard pattern = Wildcard.compile("*a*a*a*a*a*a*a*a*a*a*b");
        String text = "a".repeat(100_000);
        long start = System.nanoTime();
        assertThat(pattern.matches(text)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
