package dev.ferry.chat.discord;

import dev.ferry.access.Actor;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.Reply;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's one JDA listener. The checks every interaction passes (from a server Ferry serves, by a person) sit here,
 * in front of the handlers, once; then each kind of interaction goes to its handler. Every handler acknowledges
 * before anything slow happens; should one throw, the person still gets a sentence, not a stack trace.
 *
 * <p>Each interaction of Ferry's is claimed by its id first ({@link Deliveries}: one small INSERT). One that comes
 * again (a gateway replay, another Ferry instance on the same bot) is left alone: Discord takes one answer per
 * interaction, and it belongs to the delivery that claimed it, which may need it for a form. Typing in an option
 * is not claimed: it changes nothing, and comes once per keystroke.
 */
final class InteractionRouter implements EventListener {

    private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

    private final DiscordSettings settings;
    private final SlashCommands commands;
    private final CommandAutocomplete autocomplete;
    private final ButtonPresses presses;
    private final ParameterForms forms;
    private final Deliveries deliveries;

    InteractionRouter(DiscordSettings settings, SlashCommands commands, CommandAutocomplete autocomplete,
                      ButtonPresses presses, ParameterForms forms, Deliveries deliveries) {
        this.settings = settings;
        this.commands = commands;
        this.autocomplete = autocomplete;
        this.presses = presses;
        this.forms = forms;
        this.deliveries = deliveries;
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (!(event instanceof GenericInteractionCreateEvent interaction)) {
            return;
        }
        try {
            route(interaction);
        } catch (RuntimeException e) {
            log.error("A Discord interaction ({}) failed", interaction.getClass().getSimpleName(), e);
            if (interaction instanceof CommandAutoCompleteInteractionEvent typing && !typing.isAcknowledged()) {
                typing.replyChoices(List.of()).queue();
            } else if (interaction instanceof IReplyCallback callback && !callback.isAcknowledged()) {
                callback.reply(ReplyMessages.create(Reply.error("Ferry could not handle that because of an error"
                        + " inside Ferry. Nothing was changed; its log has the details. Try again, or /migrate status.")))
                        .setEphemeral(true).queue();
            }
        }
    }

    private void route(GenericInteractionCreateEvent interaction) {
        if (interaction instanceof CommandAutoCompleteInteractionEvent typing) {
            if (MigrateCommand.NAME.equals(typing.getName())) {
                if (served(interaction) == null) {
                    autocomplete.handle(typing);
                } else {
                    typing.replyChoices(List.of()).queue();
                }
            }
            return;
        }
        if (!(interaction instanceof IReplyCallback callback) || !ours(interaction)) {
            return;
        }
        if (!deliveries.claim(DiscordThreadPort.PLATFORM, interaction.getId())) {
            log.info("Discord delivered interaction {} ({}) again; it was taken when it first came, so it is left"
                    + " alone", interaction.getId(), interaction.getClass().getSimpleName());
            return;
        }
        String refusal = served(interaction);
        if (refusal != null) {
            callback.reply(ReplyMessages.create(Reply.error(refusal))).setEphemeral(true).queue();
            return;
        }
        Actor actor = actor(interaction);
        if (interaction instanceof SlashCommandInteractionEvent slash) {
            commands.handle(slash, actor);
        } else if (interaction instanceof ButtonInteractionEvent button) {
            presses.handle(button, actor);
        } else if (interaction instanceof ModalInteractionEvent form) {
            if (ParameterForms.owns(form.getModalId())) {
                forms.submitted(form, actor);
            } else {
                presses.reasonGiven(form, actor);
            }
        }
    }

    /** Whether the interaction is one of Ferry's: its command, its buttons, its forms. */
    private static boolean ours(GenericInteractionCreateEvent interaction) {
        if (interaction instanceof SlashCommandInteractionEvent slash) {
            return MigrateCommand.NAME.equals(slash.getName());
        }
        if (interaction instanceof ButtonInteractionEvent button) {
            return button.getComponentId().startsWith(ButtonIds.PREFIX);
        }
        if (interaction instanceof ModalInteractionEvent form) {
            return ParameterForms.owns(form.getModalId()) || ButtonPresses.owns(form.getModalId());
        }
        return false;
    }

    /** Null when Ferry serves this interaction, else the sentence that says why not. */
    private String served(GenericInteractionCreateEvent interaction) {
        Guild guild = interaction.getGuild();
        if (guild == null) {
            return "Ferry works in a server's channels, not in direct messages: use /migrate there.";
        }
        if (!settings.serves(guild.getId())) {
            return "Ferry is not set up for this server (its id is not in ferry.discord.guilds); ask whoever runs"
                    + " Ferry to add " + guild.getId() + ".";
        }
        if (interaction.getUser().isBot()) {
            return "Ferry takes commands from people, not from bots.";
        }
        return null;
    }

    /**
     * Who acted, with the ids of their roles in this server as groups ({@code ferry.access.roles.<role>.discord-roles}
     * grants by them). An interaction in a server carries the member and their role ids; JDA resolves them from the
     * roles the GUILDS intent keeps, so this needs no REST call and no privileged intent.
     */
    static Actor actor(GenericInteractionCreateEvent interaction) {
        User user = interaction.getUser();
        Member member = interaction.getMember();
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        Set<String> roles = member == null ? Set.of()
                : member.getUnsortedRoles().stream().map(ISnowflake::getId).collect(Collectors.toSet());
        return new Actor(DiscordThreadPort.PLATFORM, user.getId(), name, roles);
    }
}
