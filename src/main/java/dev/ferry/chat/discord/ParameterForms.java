package dev.ferry.chat.discord;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.PendingForms;
import dev.ferry.chat.Reply;
import dev.ferry.procedure.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IModalCallback;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;

/**
 * The form (Discord modal) that asks for the parameters a {@code /migrate start} lacks. Discord carries only the
 * form's id and its fields back, so the values already given (secrets among them) wait in {@link PendingForms},
 * with the bound and expiry every platform shares; a form submitted later, or after a restart, is answered with
 * what to do.
 */
final class ParameterForms {

    static final String PREFIX = "ferry-form:";

    private final CommandDispatcher dispatcher;
    private final DeferredAnswers answers;
    private final PendingForms pending;

    ParameterForms(CommandDispatcher dispatcher, DeferredAnswers answers, PendingForms pending) {
        this.dispatcher = dispatcher;
        this.answers = answers;
        this.pending = pending;
    }

    /** Opens the form; with more missing parameters than Discord's five fields, says how to give them instead. */
    <T extends IModalCallback & IReplyCallback> void open(T event, Reply.Form form, Actor actor, String channel) {
        if (form.fields().size() > Modal.MAX_COMPONENTS) {
            String names = form.fields().stream().map(Parameter::name).collect(Collectors.joining(", "));
            event.reply(ReplyMessages.create(Reply.error(form.procedureId() + " still needs " + form.fields().size()
                    + " parameters (" + names + "), more than a Discord form holds (" + Modal.MAX_COMPONENTS
                    + "). Give them in the parameters option: /migrate start procedure:" + form.procedureId()
                    + " parameters:" + form.fields().stream().map(p -> p.name() + "=…").collect(Collectors.joining(" "))
                    + "; /migrate show " + form.procedureId() + " explains each.")))
                    .setEphemeral(true).queue();
            return;
        }
        String id = pending.add(form.procedureId(), form.given(), channel, actor.userId());
        Modal.Builder modal = Modal.create(PREFIX + id, StepMessages.cut("Start " + form.procedureId(),
                Modal.MAX_TITLE_LENGTH));
        for (Parameter parameter : form.fields()) {
            TextInput input = TextInput.create(parameter.name(), TextInputStyle.SHORT)
                    .setRequired(true)
                    .setMaxLength(1000)
                    .setPlaceholder(StepMessages.cut(parameter.rule(), TextInput.MAX_PLACEHOLDER_LENGTH))
                    .build();
            String about = parameter.isSecret() ? "Secret: never shown in chat, never stored"
                    : parameter.description();
            modal.addComponents(Label.of(StepMessages.cut(parameter.name(), Label.LABEL_MAX_LENGTH),
                    about == null || about.isBlank() ? null : StepMessages.cut(about, Label.DESCRIPTION_MAX_LENGTH),
                    input));
        }
        event.replyModal(modal.build()).queue();
    }

    void submitted(ModalInteractionEvent event, Actor actor) {
        String id = event.getModalId().substring(PREFIX.length());
        Optional<PendingForms.Entry> open = pending.find(id, actor.userId());
        if (open.isEmpty()) {
            event.reply(ReplyMessages.create(Reply.error(PendingForms.GONE))).setEphemeral(true).queue();
            return;
        }
        pending.close(id);
        PendingForms.Entry form = open.get();
        Map<String, String> values = new LinkedHashMap<>(form.given());
        for (ModalMapping field : event.getValues()) {
            values.put(field.getCustomId(), field.getAsString().strip());
        }
        event.deferReply(true).queue();
        answers.reply(event.getHook(), "/migrate start " + form.procedureId(),
                () -> dispatcher.start(form.procedureId(), values, actor, form.channel()));
    }

    static boolean owns(String modalId) {
        return modalId != null && modalId.startsWith(PREFIX);
    }
}
