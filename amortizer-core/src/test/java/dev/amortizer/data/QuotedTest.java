package dev.amortizer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {
    @Test
    void quotesShortTextAsIs() {
        assertThat(Quoted.of("data_1")).isEqualTo("'data_1'");
        assertThat(Quoted.of("$\\beta$")).isEqualTo("'$\\\\beta$'");
        assertThat(Quoted.of(null)).isEqualTo("null");
    }

    @Test
    void escapesControlCharactersSoNoneReachesTheTerminal() {
        String ansi = "\u001b[31mred\u001b[0m\nforged line\u202e";
        String quoted = Quoted.of(ansi);
        assertThat(quoted).doesNotContain("\u001b").doesNotContain("\n").doesNotContain("\u202e")
                .isEqualTo("'\\u001b[31mred\\u001b[0m\\nforged line\\u202e'");
        assertThat(Quoted.plain("a\tb\u0007")).isEqualTo("a\\tb\\u0007");
    }

    @Test
    void capsLongTextAndGivesItsFullLength() {
        String huge = "x".repeat(20_000_000);
        String quoted = Quoted.of(huge);
        assertThat(quoted).hasSizeLessThan(120).startsWith("'" + "x".repeat(Quoted.MAX_CHARS) + "…'")
                .endsWith("(20000000 characters)");
        assertThat(Quoted.plain(huge)).hasSizeLessThan(120).endsWith("… (20000000 characters)");
    }
}
