package dev.ferry.connector.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test server's MD4 against RFC 1320's test suite, so that its NTLM checks can be trusted. */
class NtlmAcceptorMd4Test {

    @Test
    void matchesRfc1320() {
        assertThat(md4("")).isEqualTo("31d6cfe0d16ae931b73c59d7e0c089c0");
        assertThat(md4("abc")).isEqualTo("a448017aaf21d8525fc10ae87aa6729d");
        assertThat(md4("12345678901234567890123456789012345678901234567890123456789012345678901234567890"))
                .isEqualTo("e33b4ddc9c38f2199c3e7b164fcc0536");
    }

    private static String md4(String text) {
        return HexFormat.of().formatHex(NtlmAcceptor.Md4.digest(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
