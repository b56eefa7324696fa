package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proof that a bound value cannot become code: every literal Ferry writes is read back with an independent
 * model of PowerShell's single-quoted string tokenizer, which must end the literal exactly where Ferry ended it
 * and decode exactly the value that was bound.
 */
class PowerShellScriptTest {

    private static final String BODY = "Write-Output $v";

    // ---------------------------------------------------------------- the model

    /**
     * Every character PowerShell's tokenizer accepts as a single quote: ' (U+0027), ‘ (U+2018), ’ (U+2019),
     * ‚ (U+201A) and ‛ (U+201B). Written as escapes on purpose: this list does not come from the class under test.
     */
    private static final String PS_SINGLE_QUOTES = "\u0027\u2018\u2019\u201A\u201B";

    private static boolean isSingleQuote(char c) {
        return PS_SINGLE_QUOTES.indexOf(c) >= 0;
    }

    /** A single-quoted literal as PowerShell reads it: where it opens and closes, and its content. */
    record Literal(int open, int close, String content) {
    }

    /**
     * Reads a single-quoted string the way PowerShell does. Inside it, a quote character followed by another quote
     * character (any of the five with any other) is one quote character of content; a lone one ends the string.
     * Everything else — $, backtick, double quotes, CR, LF, NUL, # — is plain content.
     */
    static Literal readSingleQuoted(String text, int open) {
        assertThat(isSingleQuote(text.charAt(open))).as("a literal opens with a single quote at %d", open).isTrue();
        StringBuilder content = new StringBuilder();
        int i = open + 1;
        while (true) {
            assertThat(i).as("the literal opened at %d is never closed", open).isLessThan(text.length());
            char c = text.charAt(i);
            if (isSingleQuote(c)) {
                if (i + 1 < text.length() && isSingleQuote(text.charAt(i + 1))) {
                    content.append(text.charAt(i + 1)); // PowerShell keeps the second character of the pair
                    i += 2;
                    continue;
                }
                return new Literal(open, i, content.toString());
            }
            content.append(c);
            i++;
        }
    }

    @Test
    void theModelReadsKnownLiteralsLikePowerShell() {
        assertThat(readSingleQuoted("'it''s' + 1", 0)).isEqualTo(new Literal(0, 6, "it's"));
        assertThat(readSingleQuoted("'a\u2019 b", 0)).isEqualTo(new Literal(0, 2, "a"));
        assertThat(readSingleQuoted("'a\u2019'b'", 0)).isEqualTo(new Literal(0, 5, "a'b"));
        assertThat(readSingleQuoted("'a\u2019''b'", 0)).isEqualTo(new Literal(0, 4, "a'"));
        assertThat(readSingleQuoted("'$x `n \"y\"'", 0)).isEqualTo(new Literal(0, 10, "$x `n \"y\""));
        assertThat(readSingleQuoted("x = ''", 4)).isEqualTo(new Literal(4, 5, ""));
    }

    // ---------------------------------------------------------------- hostile values

    static Stream<Arguments> hostileValues() {
        List<Arguments> values = new ArrayList<>();
        for (char q : PS_SINGLE_QUOTES.toCharArray()) {
            values.add(Arguments.of(name("quote", q), String.valueOf(q)));
            values.add(Arguments.of(name("doubled quote", q), "" + q + q));
            values.add(Arguments.of(name("tripled quote", q), "" + q + q + q));
            values.add(Arguments.of(name("quote at the end", q), "abc" + q));
            values.add(Arguments.of(name("quote at the start", q), q + "abc"));
            values.add(Arguments.of(name("quote breakout", q), q + "; Remove-Item C:\\ -Recurse; " + q));
            for (char r : PS_SINGLE_QUOTES.toCharArray()) {
                values.add(Arguments.of(name("pair", q) + "+" + (int) r, "" + q + r));
                values.add(Arguments.of(name("pair between text", q) + "+" + (int) r, "x" + q + r + "y"));
            }
        }
        values.add(Arguments.of("all five quotes", PS_SINGLE_QUOTES));
        values.add(Arguments.of("all five quotes reversed", new StringBuilder(PS_SINGLE_QUOTES).reverse().toString()));
        values.add(Arguments.of("classic breakout", "'; Remove-Item C:\\ -Recurse; '"));
        values.add(Arguments.of("breakout with comment", "' + (Remove-Item C:\\ -Recurse) + '#"));
        values.add(Arguments.of("subexpression", "$(Stop-Computer)"));
        values.add(Arguments.of("variable", "$env:PATH"));
        values.add(Arguments.of("double-quoted expansion", "\"$env:PATH\""));
        values.add(Arguments.of("typographic double quotes", "\u201C$(Stop-Computer)\u201D\u201E"));
        values.add(Arguments.of("backtick n", "`n"));
        values.add(Arguments.of("backtick quote", "`'"));
        values.add(Arguments.of("backtick at the very end", "abc`"));
        values.add(Arguments.of("newline then command", "\nRemove-Item C:\\ -Recurse"));
        values.add(Arguments.of("CRLF then command", "x\r\nRemove-Item C:\\ -Recurse\r\n"));
        values.add(Arguments.of("lone CR", "x\rStop-Computer"));
        values.add(Arguments.of("NUL", "a\u0000b"));
        values.add(Arguments.of("NUL at the end", "a\u0000"));
        values.add(Arguments.of("NUL then quote", "\u0000'"));
        values.add(Arguments.of("statement separators", "a; b | c & d"));
        values.add(Arguments.of("line comment", "# not a comment"));
        values.add(Arguments.of("block comment", "<# x #>"));
        values.add(Arguments.of("here-string start", "@'\nStop-Computer\n'@"));
        values.add(Arguments.of("here-string end", "\n'@\nStop-Computer\n@'"));
        values.add(Arguments.of("empty", ""));
        values.add(Arguments.of("10,000 U+2019", "\u2019".repeat(10_000)));
        values.add(Arguments.of("100 KB of mixed quote characters", mixedQuotes(100 * 1024)));
        return values.stream();
    }

    private static String name(String what, char quote) {
        return what + " U+" + String.format("%04X", (int) quote);
    }

    /** Quote characters of all kinds, double quotes, $ and newlines in a fixed pseudo-random order. */
    private static String mixedQuotes(int length) {
        String alphabet = PS_SINGLE_QUOTES + PS_SINGLE_QUOTES + "\"\u201C\u201D\u201E$`\n";
        Random random = new Random(20240601L);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void aBoundStringIsOneLiteralThatDecodesToTheValue(String description, String value) {
        String text = PowerShellScript.builder(BODY).string("v", value).build().text();

        assertThat(text).startsWith("$v = '");
        Literal literal = readSingleQuoted(text, "$v = ".length());
        // The literal ends exactly where the assignment ends: after it come only the newline and the body.
        assertThat(literal.close()).isEqualTo(text.length() - ("\n" + BODY).length() - 1);
        assertThat(text.substring(literal.close() + 1)).isEqualTo("\n" + BODY);
        assertThat(literal.content()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void aBoundSecretIsOneLiteralThatDecodesToTheValue(String description, String value) {
        PowerShellScript script = PowerShellScript.builder(BODY).secret("v", value).build();
        String text = script.text();

        Literal literal = readSingleQuoted(text, "$v = ".length());
        assertThat(literal.close()).isEqualTo(text.length() - ("\n" + BODY).length() - 1);
        assertThat(literal.content()).isEqualTo(value);
        assertThat(script.display()).isEqualTo("$v = '********'\n" + BODY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void quoteAloneIsOneLiteralThatDecodesToTheValue(String description, String value) {
        String literal = PowerShellScript.quote(value);

        assertThat(readSingleQuoted(literal, 0)).isEqualTo(new Literal(0, literal.length() - 1, value));
    }

    @Test
    void everyListItemIsOneLiteralThatDecodesToItsValue() {
        List<String> items = List.of("it's", "\u2018\u2019", "$(Stop-Computer)", "", "a, b", "'); Stop-Computer; @('");
        String text = PowerShellScript.builder(BODY).list("v", items).build().text();

        assertThat(text).startsWith("$v = @(");
        int position = "$v = @(".length();
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                assertThat(text.substring(position, position + 2)).isEqualTo(", ");
                position += 2;
            }
            Literal literal = readSingleQuoted(text, position);
            decoded.add(literal.content());
            position = literal.close() + 1;
        }
        assertThat(decoded).isEqualTo(items);
        assertThat(text.substring(position)).isEqualTo(")\n" + BODY);
    }

    // ---------------------------------------------------------------- rendering

    @Test
    void writesEachBindingOnItsOwnLineBeforeTheUnchangedBody() {
        String body = "param()\n$x = 1\r\nWrite-Output \"$a $b\"\n";

        PowerShellScript script = PowerShellScript.builder(body)
                .string("a", "one")
                .bool("b", true)
                .nothing("c")
                .list("d", List.of("x", "y"))
                .build();

        assertThat(script.text()).isEqualTo("$a = 'one'\n$b = $true\n$c = $null\n$d = @('x', 'y')\n" + body);
        assertThat(script.text()).endsWith("\n" + body);
        assertThat(script.body()).isEqualTo(body);
    }

    @Test
    void aScriptWithoutBindingsIsItsBody() {
        assertThat(PowerShellScript.of("Get-Date").text()).isEqualTo("Get-Date");
        assertThat(PowerShellScript.of("Get-Date").display()).isEqualTo("Get-Date");
        assertThat(PowerShellScript.builder("Get-Date").build().text()).isEqualTo("Get-Date");
        assertThat(PowerShellScript.of("Get-Date").secretValues()).isEmpty();
    }

    @Test
    void displayMasksSecretsWhileTextHoldsThem() {
        PowerShellScript script = PowerShellScript.builder("Connect -User $user -Password $password")
                .string("user", "admin")
                .secret("password", "p'ss\u2019word")
                .build();

        assertThat(script.text()).isEqualTo("$user = 'admin'\n$password = 'p''ss\u2019\u2019word'\n"
                + "Connect -User $user -Password $password");
        assertThat(script.display()).isEqualTo("$user = 'admin'\n$password = '********'\n"
                + "Connect -User $user -Password $password");
        assertThat(script.display()).doesNotContain("p'ss", "p''ss", "ss\u2019");
    }

    @Test
    void secretValuesHoldsTheRawSecretsOnly() {
        PowerShellScript script = PowerShellScript.builder("x")
                .string("user", "admin")
                .secret("password", "it's")
                .secret("token", "t0k3n")
                .build();

        assertThat(script.secretValues()).containsExactly("it's", "t0k3n");
        assertThatThrownBy(() -> script.secretValues().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bindsBooleansAsTrueAndFalseVariables() {
        assertThat(PowerShellScript.builder("x").bool("on", true).bool("off", false).build().text())
                .isEqualTo("$on = $true\n$off = $false\nx");
    }

    @Test
    void bindsListsAsArraysOfQuotedItems() {
        assertThat(PowerShellScript.builder("x").list("v", List.of("a", "b")).build().text())
                .isEqualTo("$v = @('a', 'b')\nx");
        assertThat(PowerShellScript.builder("x").list("v", List.of("it's", "\u201Bz")).build().text())
                .isEqualTo("$v = @('it''s', '\u201B\u201Bz')\nx");
        assertThat(PowerShellScript.builder("x").list("v", List.of()).build().text()).isEqualTo("$v = @()\nx");
    }

    @Test
    void bindsNothingAsNull() {
        assertThat(PowerShellScript.builder("x").nothing("v").build().text()).isEqualTo("$v = $null\nx");
    }

    @Test
    void rejectsBindingANameTwice() {
        PowerShellScript.Builder builder = PowerShellScript.builder("x").string("v", "1");

        assertThatThrownBy(() -> builder.string("v", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'v' is bound twice");
        assertThatThrownBy(() -> builder.bool("v", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.nothing("v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.build().text()).isEqualTo("$v = '1'\nx");
    }

    @Test
    void rejectsBindingTheSameNameInAnotherCase() {
        PowerShellScript.Builder builder = PowerShellScript.builder("x").string("v", "1");

        assertThatThrownBy(() -> builder.string("V", "2")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a-b", "1x", "$x", "a b", "", "a_b", "x;y", "x\n", "{x}", "a:b", "\u00e4"})
    void rejectsNamesThatAreNotPlainPowerShellIdentifiers(String name) {
        PowerShellScript.Builder builder = PowerShellScript.builder("x");

        assertThatThrownBy(() -> builder.string(name, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be a PowerShell variable name");
        assertThatThrownBy(() -> builder.secret(name, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.bool(name, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.nothing(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.list(name, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
