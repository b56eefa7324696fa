package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.connector.ScriptedOutcome;
import dev.ferry.connector.simulated.SimulatedConnector;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** How {@code /migrate check} shows what a host wrote when it did not answer the preflight's way. */
@FerryTest
class CheckReplyTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    SimulatedConnector hosts;

    @BeforeEach
    void clean() {
        hosts.reset();
    }

    @Test
    void outputWithoutThePreflightLinesIsShownUnderItsCheck() {
        hosts.program("spe-02", new ScriptedOutcome(Pattern.compile("FERRY-PREFLIGHT"), 0,
                List.of("This endpoint runs only approved commands.", "", "Contact the server team."), "", null, null));

        Reply reply = dispatcher.dispatch("check spe-02", ALICE, "console");

        assertThat(reply.error()).isTrue();
        assertThat(reply.parts()).filteredOn(p -> p instanceof Reply.Code).singleElement()
                .isEqualTo(new Reply.Code("text", "This endpoint runs only approved commands.\nContact the server team."));
        assertThat(reply.plainText()).contains("✗ PowerShell: exit code 0, but the output has none of the preflight's"
                + " FERRY-PREFLIGHT lines", "The host wrote:\n    | This endpoint runs only approved commands.\n"
                + "    | Contact the server team.\n– Exchange 2007 snap-in:", "– MailStore SPE services: PowerShell did not answer")
                .doesNotContain("no output");
    }
}
