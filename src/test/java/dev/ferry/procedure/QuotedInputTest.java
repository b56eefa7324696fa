package dev.ferry.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedInputTest {

    @Test
    void aShortPlainValueIsOnlyQuoted() {
        assertThat(QuotedInput.of("spe-ih-99")).isEqualTo("'spe-ih-99'");
        assertThat(QuotedInput.of("C:\\Data\\Archive")).isEqualTo("'C:\\Data\\Archive'");
        assertThat(QuotedInput.of("Zürich 🚢")).isEqualTo("'Zürich 🚢'");
        assertThat(QuotedInput.isPlain("S1")).isTrue();
    }

    @Test
    void controlAndInvisibleCharactersAreWrittenVisibly() {
        assertThat(QuotedInput.of("a\nb\r\tc\u0007d")).isEqualTo("'a\\nb\\r\\tc\\u0007d'");
        // zero-width space, right-to-left override, line separator, no-break space, a lone surrogate half
        assertThat(QuotedInput.of("x\u200By\u202Ez\u2028w\u00A0v\uD800")).isEqualTo(
                "'x\\u200By\\u202Ez\\u2028w\\u00A0v\\uD800'");
        assertThat(QuotedInput.isPlain("a\nb")).isFalse();
    }

    @Test
    void aLongValueIsCutAndItsLengthNamed() {
        String quoted = QuotedInput.of("a".repeat(100_000));

        assertThat(quoted).isEqualTo("'" + "a".repeat(QuotedInput.LIMIT) + "…' (100000 characters)");
        assertThat(QuotedInput.of("a".repeat(QuotedInput.LIMIT))).isEqualTo("'" + "a".repeat(QuotedInput.LIMIT) + "'");
        assertThat(QuotedInput.isPlain("a".repeat(QuotedInput.LIMIT + 1))).isFalse();
    }

    @Test
    void aCutNeverSplitsAnEscapeOrACharacterPair() {
        String value = "a".repeat(QuotedInput.LIMIT - 3) + "\n" + "🚢".repeat(3) + "\u0007";
        // 57 letters and the two of \n leave room for one ship (one character, two UTF-16 units), not for two.
        assertThat(QuotedInput.of(value)).isEqualTo("'" + "a".repeat(QuotedInput.LIMIT - 3) + "\\n🚢…' (62 characters)");
        assertThat(QuotedInput.of("a".repeat(QuotedInput.LIMIT - 2) + "\u0007")).isEqualTo(
                "'" + "a".repeat(QuotedInput.LIMIT - 2) + "…' (59 characters)");
    }
}
