package dev.ferry.chat.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's session with Discord. It logs in on a thread of its own, so a Discord that cannot be reached holds up
 * nothing else: Ferry serves, runs go on, and the login is tried again with a growing pause. Once ready, /migrate is
 * registered in each configured server (shown at once) and, if asked, globally.
 *
 * <p>No optional gateway intent is asked for: JDA always keeps GUILDS (not privileged), which puts the servers'
 * channels and active threads in its cache; slash commands, buttons and forms arrive as interactions, which need
 * no intent at all. No privileged intent (members, presences, message content) is used.
 */
final class DiscordConnection {

    private static final Logger log = LoggerFactory.getLogger(DiscordConnection.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(2);

    private final DiscordSettings settings;
    private volatile JDA jda;
    private volatile boolean stopped;
    private volatile Thread login;

    DiscordConnection(DiscordSettings settings) {
        this.settings = settings;
    }

    /** Connects in the background and registers {@code command} once connected. */
    void start(EventListener listener, SlashCommandData command) {
        Thread thread = new Thread(() -> connect(listener, command), "ferry-discord-login");
        thread.setDaemon(true);
        login = thread;
        thread.start();
    }

    /** The session, for REST calls. */
    JDA jda() {
        JDA current = jda;
        if (current == null) {
            throw new IllegalStateException("Ferry is not connected to Discord (yet)");
        }
        return current;
    }

    void stop() {
        stopped = true;
        Thread thread = login;
        if (thread != null) {
            thread.interrupt();
        }
        JDA current = jda;
        if (current != null) {
            current.shutdown();
            try {
                if (!current.awaitShutdown(5, TimeUnit.SECONDS)) {
                    current.shutdownNow();
                }
            } catch (InterruptedException e) {
                current.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void connect(EventListener listener, SlashCommandData command) {
        Duration pause = FIRST_PAUSE;
        while (!stopped) {
            try {
                JDA session = JDABuilder.createLight(settings.token(), EnumSet.noneOf(GatewayIntent.class))
                        .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                        .setSessionController(new SessionControllerAdapter() {
                            @Override
                            public String getGateway() {
                                return settings.gatewayUrl();
                            }
                        })
                        .addEventListeners(listener)
                        .build();
                jda = session;
                session.awaitReady();
                register(session, command);
                return;
            } catch (InvalidTokenException e) {
                log.error("Discord refused the bot token (ferry.discord.token, FERRY_DISCORD_TOKEN). Discord stays off"
                        + " until Ferry is started with a valid token; bot/discord/README.md shows where to get it.");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped) {
                    return;
                }
                log.warn("Ferry cannot reach Discord ({}); trying again in {} s. Runs go on meanwhile, and"
                        + " /migrate resume posts a run's current step again.", e.toString(), pause.toSeconds());
                JDA failed = jda;
                jda = null;
                if (failed != null) {
                    failed.shutdownNow();
                }
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private void register(JDA session, SlashCommandData command) {
        for (String guildId : settings.guilds()) {
            Guild guild = session.getGuildById(guildId);
            if (guild == null) {
                log.warn("The bot is not in server {} (ferry.discord.guilds): invite it with the link in"
                        + " bot/discord/README.md; /migrate is not registered there.", guildId);
                continue;
            }
            guild.updateCommands().addCommands(command).queue(
                    done -> log.info("/migrate registered in server {} ({})", guild.getName(), guildId),
                    e -> log.warn("Discord did not register /migrate in server {}: {}", guildId, e.toString()));
        }
        if (settings.globalCommands()) {
            session.updateCommands().addCommands(command).queue(
                    done -> log.info("/migrate registered globally; Discord may take up to an hour to show it"),
                    e -> log.warn("Discord did not register /migrate globally: {}", e.toString()));
        }
    }
}
