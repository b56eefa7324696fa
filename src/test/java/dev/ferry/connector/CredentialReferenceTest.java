package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialReferenceTest {

    @TempDir
    Path directory;

    @Test
    void onlyEnvAndFileReferencesAreReferences() {
        assertThat(CredentialReference.parse("env:FERRY_PASSWORD")).isPresent();
        assertThat(CredentialReference.parse("file:/run/secrets/ex01")).isPresent();
        assertThat(CredentialReference.parse("Summer2024!")).isEmpty();
        assertThat(CredentialReference.parse("env:")).isEmpty();
        assertThat(CredentialReference.parse("env:1BAD")).isEmpty();
        assertThat(CredentialReference.parse("file:")).isEmpty();
        assertThat(CredentialReference.parse(null)).isEmpty();
    }

    @Test
    void resolvesAnEnvironmentVariableWhenAsked() {
        CredentialReference reference = CredentialReference.parse("env:PW", Map.of("PW", "s3cret")).orElseThrow();

        assertThat(reference.resolve("ex-01")).isEqualTo("s3cret");
        assertThat(reference).hasToString("env:PW");
    }

    @Test
    void resolvesAFileWithoutItsTrailingLineBreak() throws Exception {
        Path file = Files.writeString(directory.resolve("pw"), "line one\r\n");

        assertThat(CredentialReference.parse("file:" + file).orElseThrow().resolve("ex-01")).isEqualTo("line one");
    }

    @Test
    void anUnsetOrUnreadableCredentialNamesTheReferenceAndTheHost() {
        ConnectorException unset = catchThrowableOfType(ConnectorException.class,
                () -> CredentialReference.parse("env:NOPE", Map.of()).orElseThrow().resolve("ex-01"));
        ConnectorException missing = catchThrowableOfType(ConnectorException.class,
                () -> CredentialReference.parse("file:" + directory.resolve("absent")).orElseThrow().resolve("ex-02"));

        assertThat(unset.getMessage()).contains("host ex-01", "env:NOPE", "NOPE of Ferry's process is empty");
        assertThat(missing.getMessage()).contains("host ex-02", "cannot be read: there is no such file")
                .doesNotContain("Exception");
    }
}
