package dev.ferry.chat.discord;

import dev.ferry.chat.ChatLookups;
import dev.ferry.chat.CommandDispatcher;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** Offers procedure ids, active run ids and host names while a person types a {@code /migrate} option. */
final class CommandAutocomplete {

    private final CommandDispatcher dispatcher;

    CommandAutocomplete(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void handle(CommandAutoCompleteInteractionEvent event) {
        AutoCompleteQuery focused = event.getFocusedOption();
        ChatLookups.Suggestion kind = MigrateCommand.verb(String.valueOf(event.getSubcommandName()))
                .flatMap(verb -> verb.options().stream().filter(o -> o.name().equals(focused.getName())).findFirst())
                .map(option -> option.kind().suggestion)
                .orElse(null);
        List<String> names = kind == null ? List.of()
                : dispatcher.lookups().suggestions(kind, focused.getValue(), OptionData.MAX_CHOICES);
        event.replyChoiceStrings(names).queue();
    }
}
