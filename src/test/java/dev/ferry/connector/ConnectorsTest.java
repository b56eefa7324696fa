package dev.ferry.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorsTest {

    private static final String SECRET = "Pa55-w0rd!";

    private final Host host = new Host("ex-01", "ex-01", Transport.WINRM, null, null, List.of(),
            new Endpoint(5986, Auth.BASIC, "u", CredentialReference.parse("env:S", Map.of("S", SECRET)).orElseThrow(),
                    true, null, null, null));

    @Test
    void theHostsCredentialIsMaskedInOutputAndResult() throws Exception {
        Connector echo = new Connector() {
            @Override
            public Transport transport() {
                return Transport.WINRM;
            }

            @Override
            public CommandResult execute(Host h, String secret, PowerShellScript s, Duration t, OutputListener output) {
                output.line(OutputListener.Stream.STDOUT, "password is " + SECRET);
                return new CommandResult(0, "password is " + SECRET + "\n", SECRET, false, Duration.ZERO);
            }
        };
        List<String> lines = new ArrayList<>();

        CommandResult result = new Connectors(List.of(echo)).execute(host, PowerShellScript.of("x"), Duration.ofSeconds(1),
                (stream, line) -> lines.add(line));

        assertThat(lines).containsExactly("password is ********");
        assertThat(result.stdout()).isEqualTo("password is ********\n");
        assertThat(result.stderr()).isEqualTo("********");
    }

    @Test
    void andInErrorMessages() {
        Connector failing = new Connector() {
            @Override
            public Transport transport() {
                return Transport.WINRM;
            }

            @Override
            public CommandResult execute(Host h, String secret, PowerShellScript s, Duration t, OutputListener output) {
                throw new ConnectorException(ConnectorException.Stage.LOGIN, "refused " + SECRET, null);
            }
        };

        ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> new Connectors(List.of(failing))
                .execute(host, PowerShellScript.of("x"), Duration.ofSeconds(1), OutputListener.NONE));

        assertThat(e.getMessage()).isEqualTo("refused ********");
        assertThat(e.stage()).isEqualTo(ConnectorException.Stage.LOGIN);
    }
}
