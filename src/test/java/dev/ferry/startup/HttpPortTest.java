package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FailedStart;
import dev.ferry.chat.slack.FakeSlackApi;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Slack's HTTP mode on a port another program holds: the port and the key to change, in one block. */
class HttpPortTest {

    @Test
    void aTakenPortIsNamedWithTheKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FakeSlackApi slack = FakeSlackApi.start()) {
            int port = taken.getLocalPort();
            String printed = FailedStart.printedBy("--ferry.procedures.directory=src/test/resources/procedures",
                    "--ferry.slack.bot-token=xoxb-port-test-token", "--ferry.slack.mode=http",
                    "--ferry.slack.signing-secret=port-test-secret", "--ferry.slack.api-url=" + slack.apiUrl(),
                    "--server.address=127.0.0.1", "--server.port=" + port);

            assertThat(printed).contains("Ferry cannot listen for Slack on 127.0.0.1:" + port + " (HTTP mode):"
                            + " another program already uses port " + port + ".",
                    "What to do: Stop that program, or set server.port (SERVER_PORT) to a free port")
                    .doesNotContain("xoxb-port-test-token", "port-test-secret");
            FailedStart.assertOneBlock(printed);
        }
    }
}
