package dev.ferry.chat.discord;

import dev.ferry.chat.ChatLookups;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The {@code /migrate} slash command: one subcommand per verb of the chat grammar, with typed options. Discord's
 * options are fixed when the command is registered, so a procedure's own parameters travel in one free
 * {@code parameters} option ({@code name=value ...}), and missing ones are asked for in a form.
 * A verb is registered only once the dispatcher knows it; the rows for verbs still to come are already here.
 */
final class MigrateCommand {

    static final String NAME = "migrate";
    /** What a name-like option may hold: one word, so it cannot smuggle in {@code name=value} or a second argument. */
    private static final Pattern WORD = Pattern.compile("[^\\s=\"'\u201C\u201D]{1,128}");

    /** How an option's value reaches the dispatcher's text. */
    enum Kind {
        /** A procedure id, offered by autocomplete. */
        PROCEDURE(ChatLookups.Suggestion.PROCEDURE),
        /** An active run's id, offered by autocomplete. */
        RUN(ChatLookups.Suggestion.RUN),
        /** A host of the inventory, offered by autocomplete. */
        HOST(ChatLookups.Suggestion.HOST),
        /** One word from a fixed list. */
        CHOICE(null),
        /** Free text passed on as typed: {@code name=value ...}. */
        TEXT(null);

        final ChatLookups.Suggestion suggestion;

        Kind(ChatLookups.Suggestion suggestion) {
            this.suggestion = suggestion;
        }
    }

    record Option(String name, String description, boolean required, Kind kind, List<String> choices) {

        /** The value as the dispatcher reads it, or empty when it is not one word where one word belongs. */
        Optional<String> text(String value) {
            String stripped = value.strip();
            return kind == Kind.TEXT || WORD.matcher(stripped).matches() ? Optional.of(stripped) : Optional.empty();
        }
    }

    record Verb(String name, String description, List<Option> options) {
    }

    static final List<Verb> VERBS = List.of(
            verb("help", "What Ferry does and every /migrate command"),
            verb("list", "The procedures, one line each"),
            verb("show", "A procedure's parameters and steps", procedure()),
            verb("plan", "Every step of a procedure with its exact script; runs nothing", procedure(), parameters()),
            verb("start", "Start a run; its steps follow in a new thread", procedure(), parameters()),
            verb("status", "The active runs, or one run's steps", run(false)),
            verb("resume", "Post a run's current step again (and give secrets again after a restart)", run(true),
                    new Option("secrets", "secret=value … for secrets Ferry lost in a restart", false, Kind.TEXT,
                            List.of())),
            verb("abort", "End a run at its current step", run(true)),
            verb("hosts", "The inventory of hosts"),
            verb("check", "Preflight a host: reach, auth, PowerShell version, Exchange snap-in",
                    new Option("host", "A host of the inventory", true, Kind.HOST, List.of())),
            verb("schedule", "Recurring procedures and scripts",
                    new Option("action", "What to do with schedules", true, Kind.CHOICE,
                            List.of("list", "add", "pause", "resume", "remove", "run-now")),
                    new Option("arguments", "The schedule and its settings, as /migrate help shows", false, Kind.TEXT,
                            List.of())),
            verb("audit", "A run's audit trail as files: JSON lines and CSV", run(true)));

    private MigrateCommand() {
    }

    /** The command with a subcommand for each verb the dispatcher knows, usable in servers only. */
    static SlashCommandData data(Collection<String> knownVerbs) {
        SlashCommandData command = Commands.slash(NAME, "Walk a mail migration step by step")
                .setContexts(InteractionContextType.GUILD);
        for (Verb verb : VERBS) {
            if (!knownVerbs.contains(verb.name())) {
                continue;
            }
            SubcommandData sub = new SubcommandData(verb.name(), verb.description());
            for (Option option : verb.options()) {
                OptionData data = new OptionData(OptionType.STRING, option.name(), option.description(),
                        option.required(), option.kind().suggestion != null);
                option.choices().forEach(choice -> data.addChoice(choice, choice));
                sub.addOptions(data);
            }
            command.addSubcommands(sub);
        }
        return command;
    }

    static Optional<Verb> verb(String name) {
        return VERBS.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    private static Verb verb(String name, String description, Option... options) {
        return new Verb(name, description, List.of(options));
    }

    private static Option procedure() {
        return new Option("procedure", "The procedure's id (see /migrate list)", true, Kind.PROCEDURE, List.of());
    }

    private static Option parameters() {
        return new Option("parameters", "name=value … (values with spaces in quotes); missing ones open a form",
                false, Kind.TEXT, List.of());
    }

    private static Option run(boolean required) {
        return new Option("run", "A run id such as R3 (see /migrate status)", required, Kind.RUN, List.of());
    }
}
