package dev.ferry.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console chat owns the terminal: while it runs, no log line is printed there, however loud Ferry's log gets
 * (here: Discord configured beside the console, and unreachable, which Ferry logs as a warning). The log file
 * has them. Without the console (a Slack or Discord server) the terminal still shows warnings.
 */
class ConsoleLoggingTest {

    private static final String DISCORD_WARNING = "Ferry cannot reach Discord";

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void theConsoleChatGetsNoLogLineWhileAServerShowsItsWarnings() throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        String[] unreachableDiscord = {"--ferry.discord.token=console-logging-test-token",
                "--ferry.discord.guilds=112233445566778899", "--ferry.discord.api-url=http://127.0.0.1:" + closed + "/",
                "--ferry.discord.gateway-url=ws://127.0.0.1:" + closed + "/"};

        Path consoleData = Files.createDirectory(dir.resolve("console"));
        try (FerryProcess console = FerryProcess.withDataIn(consoleData,
                concat(unreachableDiscord, "--ferry.console.enabled=true"))) {
            assertThat(console.awaitPrinted("Ferry console", FerryProcess.START_UP)).as(console.output()).isTrue();
            assertThat(FerryProcess.await(() -> logged(consoleData).contains(DISCORD_WARNING), FerryProcess.START_UP))
                    .as("the warning is in the log file").isTrue();
            console.typeAndClose("/migrate list\nquit\n");
            assertThat(console.awaitExit(Duration.ofSeconds(60))).isZero();

            assertThat(console.output()).contains("Ferry console", "test-move")
                    .doesNotContain(DISCORD_WARNING, "WARN", "ERROR", "INFO", "Exception", "at net.", "at org.");
        }

        Path serverData = Files.createDirectory(dir.resolve("server"));
        try (FerryProcess server = FerryProcess.withDataIn(serverData, unreachableDiscord)) {
            assertThat(server.awaitPrinted(DISCORD_WARNING, FerryProcess.START_UP)).as(server.output()).isTrue();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(60));

            assertThat(server.output()).contains("WARN").doesNotContain("console-logging-test-token");
        }
    }

    private static String logged(Path data) {
        try {
            return Files.readString(data.resolve("ferry.log"));
        } catch (IOException e) {
            return "";
        }
    }

    private static String[] concat(String[] args, String more) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
