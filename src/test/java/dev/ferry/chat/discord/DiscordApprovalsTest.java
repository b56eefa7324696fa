package dev.ferry.chat.discord;

import static dev.ferry.chat.discord.DiscordFixture.edited;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.discord.DiscordEvents.Person;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Roles and approvals on Discord, driven only by interactions (mocked JDA events, as in DiscordInteractionsTest)
 * against the real dispatcher, engine and H2. Roles here are granted by Discord role id alone, so each person's
 * roles come from the role ids their member carries in the interaction.
 */
@SpringBootTest(properties = {
        "ferry.console.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:ferry-discord-approvals;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "ferry.access.roles.operator.discord-roles=" + DiscordApprovalsTest.OPERATORS,
        "ferry.access.roles.approver.discord-roles=" + DiscordApprovalsTest.ON_CALL})
class DiscordApprovalsTest {

    static final String OPERATORS = "310000000000000001";
    static final String ON_CALL = "310000000000000002";
    private static final Person DAVE = new Person("100000000000000004", "dave");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    MessageRefs refs;
    @Autowired
    SimulatedConnector hosts;

    private DiscordFixture fixture;

    @BeforeEach
    void connect() {
        hosts.reset();
        fixture = new DiscordFixture(dispatcher, engine, refs);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        fixture.close();
    }

    @Test
    void rolesComeFromTheRoleIdsTheMemberCarries() throws Exception {
        SlashCommandInteractionEvent bare = DiscordEvents.slash("hosts", Map.of(), DAVE);
        fixture.router.onEvent(bare);
        assertThat(edited(bare.getHook()).getContent()).contains("dave (discord:" + DAVE.id() + ") lacks the operator"
                + " role needed to list hosts");

        SlashCommandInteractionEvent granted = DiscordEvents.slash("hosts", Map.of(), DAVE.withRoles(OPERATORS));
        fixture.router.onEvent(granted);
        assertThat(edited(granted.getHook()).getContent()).contains("spe-ih-01").doesNotContain("lacks");

        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", "test-approval", "parameters", "server=spe-ih-01"), DAVE.withRoles(ON_CALL));
        fixture.router.onEvent(start);
        assertThat(edited(start.getHook()).getContent()).contains("dave (discord:" + DAVE.id() + ") may not start"
                + " test-approval: it needs the operator role");
    }
}
