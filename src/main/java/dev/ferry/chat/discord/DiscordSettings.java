package dev.ferry.chat.discord;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Discord bot, {@code ferry.discord.*}. The token comes only from the environment
 * ({@code FERRY_DISCORD_TOKEN}) or a file Spring reads; never from a committed file.
 *
 * @param token          the bot token; set, Ferry talks on Discord (and the console stays off)
 * @param guilds         the servers (guild ids) whose /migrate command is registered at start-up and
 *                       whose interactions Ferry answers
 * @param globalCommands also register /migrate globally, for every server the bot is in (Discord takes up
 *                       to an hour to show a global command); interactions from any server are answered then
 * @param apiUrl         Discord's REST API; only tests and benchmarks point it at a local fake
 * @param gatewayUrl     Discord's gateway (the websocket events come through); likewise
 * @param onCallRole     the id of the Discord role to mention when a step waits for an on-call approval (usually
 *                       the role {@code ferry.access.roles.approver.discord-roles} grants by); unset or empty, no
 *                       one is mentioned
 */
@Validated
@ConfigurationProperties("ferry.discord")
record DiscordSettings(
        String token,
        @DefaultValue List<@Pattern(regexp = "\\d{17,20}", message = "must be a guild id: 17 to 20 digits") String> guilds,
        @DefaultValue("false") boolean globalCommands,
        @DefaultValue("https://discord.com/api/v10/") @Pattern(regexp = "https://.+|http://127\\.0\\.0\\.1[:/].*",
                message = "must be an https URL (plain http only to 127.0.0.1, for tests)") String apiUrl,
        @DefaultValue("wss://gateway.discord.gg/") @Pattern(regexp = "wss://.+|ws://127\\.0\\.0\\.1[:/].*",
                message = "must be a wss URL (plain ws only to 127.0.0.1, for tests)") String gatewayUrl,
        @Pattern(regexp = "(\\d{17,20})?", message = "must be a role id: 17 to 20 digits") String onCallRole) {

    @Override
    public String toString() {
        // Never print the token, e.g. when Spring reports a binding failure.
        return "DiscordSettings[guilds=" + guilds + ", globalCommands=" + globalCommands + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl + ", onCallRole=" + onCallRole + "]";
    }

    @AssertTrue(message = "give ferry.discord.guilds (FERRY_DISCORD_GUILDS) or set ferry.discord.global-commands=true:"
            + " without either, /migrate is registered nowhere")
    boolean isRegisteredSomewhere() {
        return token == null || token.isBlank() || !guilds.isEmpty() || globalCommands;
    }

    /** The role to mention when a step waits for an approval, if one is configured. */
    Optional<String> onCallMention() {
        return onCallRole == null || onCallRole.isBlank() ? Optional.empty() : Optional.of(onCallRole);
    }

    /** Whether an interaction from this guild is Ferry's to answer. */
    boolean serves(String guildId) {
        return globalCommands || guilds.contains(guildId);
    }
}
