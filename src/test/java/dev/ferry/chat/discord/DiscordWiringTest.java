package dev.ferry.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.Deliveries;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.run.RunEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Ferry with a Discord token: the Discord beans are there and the console is not. Discord's addresses point at
 * closed ports on 127.0.0.1, so the login fails here and is retried in the background while everything else serves.
 */
@SpringBootTest(properties = {
        "ferry.discord.token=not-a-real-token",
        "ferry.discord.guilds=900000000000000001,900000000000000003",
        "ferry.discord.api-url=http://127.0.0.1:9/api/v10/",
        "ferry.discord.gateway-url=ws://127.0.0.1:9/",
        "ferry.discord.on-call-role=310000000000000002",
        "spring.datasource.url=jdbc:h2:mem:ferry-discord-wiring;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=error",
        "logging.level.net.dv8tion=off"})
@DirtiesContext  // closes the context, and with it the login that retries in the background, once this class is done
class DiscordWiringTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    DiscordSettings settings;
    @Autowired
    RunEngine engine;

    @Test
    void aTokenTurnsDiscordOnAndTheConsoleOff() {
        assertThat(context.getBeansOfType(InteractionRouter.class)).hasSize(1);
        assertThat(context.getBeansOfType(RunThreads.class)).containsOnlyKeys("discordRunThreads");
        assertThat(context.getBeansOfType(ScheduleThreads.class)).containsOnlyKeys("discordScheduleThreads");
        assertThat(context.getBean(DiscordThreadPort.class).callsOnCall()).isTrue();
        assertThat(context.getBeansOfType(Deliveries.Purging.class)).containsOnlyKeys("discordDeliveriesPurging");
        assertThat(context.containsBean("consoleChat")).isFalse();
        assertThat(settings.guilds()).containsExactly("900000000000000001", "900000000000000003");
        assertThat(settings.serves("900000000000000003")).isTrue();
        assertThat(settings.serves("900000000000000002")).isFalse();
        assertThat(settings.onCallMention()).contains("310000000000000002");
        assertThat(settings.toString()).doesNotContain("not-a-real-token");
        assertThat(engine.active()).isNotNull();
    }
}
