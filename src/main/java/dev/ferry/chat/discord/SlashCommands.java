package dev.ferry.chat.discord;

import dev.ferry.access.Actor;
import dev.ferry.chat.ChatCommand;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import dev.ferry.chat.thread.RunThreads;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.unions.MessageChannelUnion;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * {@code /migrate <verb>}: the options become the dispatcher's text, the interaction is acknowledged at once and
 * the answer follows privately. {@code start} is the exception: missing parameters must open a form, and a form can
 * only be the first answer, so values that do not fit are answered at once (that needs no database) and only a
 * start that will happen is deferred.
 */
final class SlashCommands {

    /** What the bot needs in the channel of a run: its header, the thread, the step messages and their files. */
    static final EnumSet<Permission> RUN_PERMISSIONS = EnumSet.of(Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND,
            Permission.CREATE_PUBLIC_THREADS, Permission.MESSAGE_SEND_IN_THREADS, Permission.MESSAGE_EMBED_LINKS,
            Permission.MESSAGE_ATTACH_FILES, Permission.MESSAGE_HISTORY);

    private final CommandDispatcher dispatcher;
    private final ParameterForms forms;
    private final RunThreads threads;
    private final DeferredAnswers answers;

    SlashCommands(CommandDispatcher dispatcher, ParameterForms forms, RunThreads threads, DeferredAnswers answers) {
        this.dispatcher = dispatcher;
        this.forms = forms;
        this.threads = threads;
        this.answers = answers;
    }

    void handle(SlashCommandInteractionEvent event, Actor actor) {
        String name = event.getSubcommandName();
        Optional<MigrateCommand.Verb> verb = name == null ? Optional.empty() : MigrateCommand.verb(name);
        if (verb.isEmpty() || !dispatcher.lookups().verbs().contains(name)) {
            refuse(event, "/migrate " + name + " is not a command this Ferry knows; /migrate help lists them."
                    + " (Discord may still show an old command list for a few minutes.)");
            return;
        }
        StringBuilder text = new StringBuilder(name);
        String procedure = null;
        String runId = null;
        String free = "";
        for (MigrateCommand.Option option : verb.get().options()) {
            OptionMapping mapping = event.getOption(option.name());
            if (mapping == null) {
                continue;
            }
            Optional<String> value = option.text(mapping.getAsString());
            if (value.isEmpty()) {
                refuse(event, "'" + mapping.getAsString().strip() + "' is not a " + option.name() + ": give one word"
                        + " without spaces, quotes or '=' (pick from the list Discord offers while you type).");
                return;
            }
            if (option.kind() == MigrateCommand.Kind.TEXT) {
                free = value.get();
            } else if (option.kind() == MigrateCommand.Kind.PROCEDURE) {
                procedure = value.get();
            } else if (option.kind() == MigrateCommand.Kind.RUN) {
                runId = value.get();
            }
            text.append(' ').append(value.get());
        }
        if (name.equals("start")) {
            start(event, actor, procedure, free);
            return;
        }
        event.deferReply(true).queue();
        String command = text.toString();
        String resumed = name.equals("resume") ? runId : null;
        answers.reply(event.getHook(), "/migrate " + name, () -> dispatch(command, actor, resumed));
    }

    private Reply dispatch(String command, Actor actor, String resumed) {
        return threads.resume(resumed, () -> dispatcher.dispatch(command, actor, null));
    }

    private void start(SlashCommandInteractionEvent event, Actor actor, String procedure, String parametersText) {
        MessageChannelUnion channel = event.getChannel();
        if (channel == null || !(channel.getType() == ChannelType.TEXT || channel.getType().isThread())) {
            refuse(event, "Start a run in a text channel: Ferry opens a thread there for the run's steps.");
            return;
        }
        String home = channel.getType().isThread() ? channel.asThreadChannel().getParentChannel().getId()
                : channel.getId();
        Optional<String> missing = missingPermissions(event, channel);
        if (missing.isPresent()) {
            refuse(event, "Ferry cannot run a migration here: the bot lacks " + missing.get() + " in this channel."
                    + " Give its role these permissions (bot/discord/README.md lists them) or use another channel.");
            return;
        }
        ChatCommand parsed;
        try {
            parsed = ChatCommand.parse("start " + parametersText);
        } catch (IllegalArgumentException e) {
            refuse(event, "Could not read the parameters: " + e.getMessage() + ".");
            return;
        }
        if (!parsed.arguments().isEmpty()) {
            refuse(event, "'" + parsed.argument() + "' is not name=value; write the parameters as name=value,"
                    + " e.g. oldServer=spe-ih-01 (values with spaces in quotes).");
            return;
        }
        Map<String, String> given = parsed.parameters();
        if (!dispatcher.lookups().validate(procedure, given).isEmpty()) {
            // The values do not fit, so this starts nothing: it explains what is wrong, or asks for what is missing.
            Reply reply = dispatcher.start(procedure, given, actor, home);
            if (reply.form().isPresent()) {
                forms.open(event, reply.form().get(), actor, home);
            } else {
                event.reply(ReplyMessages.create(reply)).setEphemeral(true).queue();
            }
            return;
        }
        event.deferReply(true).queue();
        answers.reply(event.getHook(), "/migrate start " + procedure, () -> dispatcher.start(procedure, given, actor,
                home));
    }

    private static Optional<String> missingPermissions(SlashCommandInteractionEvent event,
                                                       MessageChannelUnion channel) {
        Member self = event.getGuild() == null ? null : event.getGuild().getSelfMember();
        if (self == null) {
            return Optional.empty();
        }
        GuildChannel place = channel.getType().isThread() ? channel.asThreadChannel().getParentChannel()
                : channel.asGuildMessageChannel();
        EnumSet<Permission> lacking = EnumSet.noneOf(Permission.class);
        for (Permission permission : RUN_PERMISSIONS) {
            if (!self.hasPermission(place, permission)) {
                lacking.add(permission);
            }
        }
        return lacking.isEmpty() ? Optional.empty()
                : Optional.of(lacking.stream().map(Permission::getName).collect(Collectors.joining(", ")));
    }

    private static void refuse(SlashCommandInteractionEvent event, String sentence) {
        event.reply(ReplyMessages.create(Reply.error(sentence))).setEphemeral(true).queue();
    }
}
