package dev.ferry.chat.discord;

import static org.mockito.ArgumentMatchers.any;

import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.unions.MessageChannelUnion;
import net.dv8tion.jda.api.events.interaction.GenericInteractionCreateEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageCreateAction;
import net.dv8tion.jda.api.requests.restaction.WebhookMessageEditAction;
import net.dv8tion.jda.api.requests.restaction.interactions.AutoCompleteCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.MessageEditCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ModalCallbackAction;
import net.dv8tion.jda.api.requests.restaction.interactions.ReplyCallbackAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.mockito.ArgumentMatchers;

/**
 * Interaction events as JDA hands them to a listener, mocked: Discord cannot run here. Every callback action they
 * return is a mock too, so a test can verify what was replied, deferred and sent through the hook.
 */
final class DiscordEvents {

    static final String GUILD = "900000000000000001";
    static final String CHANNEL = "900000000000000002";
    /** Interaction ids, as snowflakes; one count for all tests, which share a database and so its deliveries. */
    private static final AtomicLong ids = new AtomicLong(1_400_000_000_000_000_000L);

    private DiscordEvents() {
    }

    /** A member of the server: their user id, the name they show there, and the ids of their roles there. */
    record Person(String id, String name, Set<String> roles) {

        Person(String id, String name, String... roles) {
            this(id, name, Set.of(roles));
        }

        /** The same person with other roles. */
        Person withRoles(String... newRoles) {
            return new Person(id, name, newRoles);
        }

        static Person of(String userId) {
            return new Person(userId, "user-" + userId.substring(userId.length() - 3));
        }
    }

    static SlashCommandInteractionEvent slash(String subcommand, Map<String, String> options, String userId) {
        return slash(subcommand, options, Person.of(userId));
    }

    static SlashCommandInteractionEvent slash(String subcommand, Map<String, String> options, Person person) {
        SlashCommandInteractionEvent event = mock(SlashCommandInteractionEvent.class);
        when(event.getName()).thenReturn(MigrateCommand.NAME);
        when(event.getSubcommandName()).thenReturn(subcommand);
        options.forEach((name, value) -> {
            OptionMapping mapping = mock(OptionMapping.class);
            when(mapping.getAsString()).thenReturn(value);
            when(event.getOption(name)).thenReturn(mapping);
        });
        person(event, person);
        MessageChannelUnion channel = mock(MessageChannelUnion.class);
        when(channel.getId()).thenReturn(CHANNEL);
        when(channel.getType()).thenReturn(ChannelType.TEXT);
        when(event.getChannel()).thenReturn(channel);
        ReplyCallbackAction reply = mock(ReplyCallbackAction.class, RETURNS_SELF);
        when(event.reply(ArgumentMatchers.<MessageCreateData>any())).thenReturn(reply);
        when(event.deferReply(anyBoolean())).thenReturn(reply);
        when(event.replyModal(any(Modal.class))).thenReturn(mock(ModalCallbackAction.class, RETURNS_SELF));
        InteractionHook hook = hook();
        when(event.getHook()).thenReturn(hook);
        return event;
    }

    static ButtonInteractionEvent button(String customId, String userId) {
        return button(customId, Person.of(userId));
    }

    static ButtonInteractionEvent button(String customId, Person person) {
        ButtonInteractionEvent event = mock(ButtonInteractionEvent.class);
        when(event.getComponentId()).thenReturn(customId);
        person(event, person);
        ReplyCallbackAction reply = mock(ReplyCallbackAction.class, RETURNS_SELF);
        when(event.reply(ArgumentMatchers.<MessageCreateData>any())).thenReturn(reply);
        when(event.deferEdit()).thenReturn(mock(MessageEditCallbackAction.class, RETURNS_SELF));
        when(event.replyModal(any(Modal.class))).thenReturn(mock(ModalCallbackAction.class, RETURNS_SELF));
        InteractionHook hook = hook();
        when(event.getHook()).thenReturn(hook);
        return event;
    }

    static ModalInteractionEvent modal(String modalId, Map<String, String> values, String userId) {
        return modal(modalId, values, Person.of(userId));
    }

    static ModalInteractionEvent modal(String modalId, Map<String, String> values, Person person) {
        ModalInteractionEvent event = mock(ModalInteractionEvent.class);
        when(event.getModalId()).thenReturn(modalId);
        List<ModalMapping> mappings = values.entrySet().stream().map(e -> {
            ModalMapping mapping = mock(ModalMapping.class);
            when(mapping.getCustomId()).thenReturn(e.getKey());
            when(mapping.getAsString()).thenReturn(e.getValue());
            when(event.getValue(e.getKey())).thenReturn(mapping);
            return mapping;
        }).toList();
        when(event.getValues()).thenReturn(mappings);
        person(event, person);
        ReplyCallbackAction reply = mock(ReplyCallbackAction.class, RETURNS_SELF);
        when(event.reply(ArgumentMatchers.<MessageCreateData>any())).thenReturn(reply);
        when(event.deferReply(anyBoolean())).thenReturn(reply);
        when(event.deferEdit()).thenReturn(mock(MessageEditCallbackAction.class, RETURNS_SELF));
        InteractionHook hook = hook();
        when(event.getHook()).thenReturn(hook);
        return event;
    }

    static CommandAutoCompleteInteractionEvent typing(String subcommand, String option, String typed) {
        CommandAutoCompleteInteractionEvent event = mock(CommandAutoCompleteInteractionEvent.class);
        when(event.getName()).thenReturn(MigrateCommand.NAME);
        when(event.getSubcommandName()).thenReturn(subcommand);
        person(event, Person.of("100000000000000009"));
        AutoCompleteQuery query = mock(AutoCompleteQuery.class);
        when(query.getName()).thenReturn(option);
        when(query.getValue()).thenReturn(typed);
        when(event.getFocusedOption()).thenReturn(query);
        AutoCompleteCallbackAction action = mock(AutoCompleteCallbackAction.class, RETURNS_SELF);
        when(event.replyChoiceStrings(anyCollection())).thenReturn(action);
        return event;
    }

    /**
     * The same interaction delivered again: {@code again} (made like {@code first}) takes its id, which Discord
     * gives every interaction once.
     */
    static <T extends GenericInteractionCreateEvent> T redelivered(T again, T first) {
        long id = first.getIdLong();
        when(again.getIdLong()).thenReturn(id);
        when(again.getId()).thenReturn(Long.toUnsignedString(id));
        return again;
    }

    /** The interaction's own id, new each time, and who it comes from. */
    private static void person(GenericInteractionCreateEvent event, Person person) {
        long interaction = ids.incrementAndGet();
        when(event.getIdLong()).thenReturn(interaction);
        when(event.getId()).thenReturn(Long.toUnsignedString(interaction));
        User user = mock(User.class);
        when(user.getId()).thenReturn(person.id());
        when(user.getEffectiveName()).thenReturn(person.name());
        when(user.isBot()).thenReturn(false);
        when(event.getUser()).thenReturn(user);
        Member member = mock(Member.class);
        when(member.getUser()).thenReturn(user);
        when(member.getEffectiveName()).thenReturn(person.name());
        Set<Role> roles = person.roles().stream().map(id -> {
            Role role = mock(Role.class);
            when(role.getId()).thenReturn(id);
            return role;
        }).collect(Collectors.toSet());
        when(member.getUnsortedRoles()).thenReturn(roles);
        when(event.getMember()).thenReturn(member);
        Guild guild = guild();
        when(event.getGuild()).thenReturn(guild);
    }

    static Guild guild() {
        Guild guild = mock(Guild.class);
        when(guild.getId()).thenReturn(GUILD);
        return guild;
    }

    private static InteractionHook hook() {
        InteractionHook hook = mock(InteractionHook.class);
        when(hook.editOriginal(any(MessageEditData.class))).thenReturn(mock(WebhookMessageEditAction.class, RETURNS_SELF));
        when(hook.sendMessage(ArgumentMatchers.<MessageCreateData>any()))
                .thenReturn(mock(WebhookMessageCreateAction.class, RETURNS_SELF));
        when(hook.editOriginal(anyString())).thenReturn(mock(WebhookMessageEditAction.class, RETURNS_SELF));
        return hook;
    }
}
