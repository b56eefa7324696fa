package dev.ferry.chat.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import dev.ferry.access.Actor;
import dev.ferry.chat.ChatCommand;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.PendingForms;
import dev.ferry.chat.Reply;
import dev.ferry.chat.thread.RunThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Slack sends Ferry for {@code /migrate}: commands and start-form submissions ({@link StepPresses} takes the
 * buttons). Each is acknowledged within Slack's 3 seconds: the work runs on {@code work}, and what is not done
 * within {@code answerWithin} is answered later. Handlers only read the payload, ask the dispatcher and render;
 * files in an answer (an audit trail) go to the person's direct messages ({@link DirectFiles}). Start forms wait in
 * {@link PendingForms}; {@code /migrate resume} has the run's thread show its current step again at its end.
 */
final class SlackCommands {

    static final String PLATFORM = "slack";
    static final String COMMAND = "/migrate";
    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);
    /** The verbs that change a run: never answered inside the acknowledgement. */
    private static final Set<String> CHANGING = Set.of("start", "resume", "abort");
    private static final Reply FAILED = Reply.error("Ferry could not carry out that command; nothing was changed."
            + " The log has the details; /migrate status shows where runs stand.");

    private final CommandDispatcher dispatcher;
    private final SlackApi api;
    private final PendingForms forms;
    private final UserGroups people;
    private final DirectFiles files;
    private final RunThreads threads;
    private final Executor work;
    private final Duration answerWithin;

    /** @param threads the run threads {@code /migrate resume} shows the current step again at the end of */
    SlackCommands(CommandDispatcher dispatcher, SlackApi api, PendingForms forms, UserGroups people, DirectFiles files,
                  RunThreads threads, Executor work, Duration answerWithin) {
        this.dispatcher = dispatcher;
        this.api = api;
        this.forms = forms;
        this.people = people;
        this.files = files;
        this.threads = threads;
        this.work = work;
        this.answerWithin = answerWithin;
    }

    void register(App app) {
        app.command(COMMAND, this::command);
        app.viewSubmission(StartForm.CALLBACK_ID, this::submit);
    }

    /**
     * {@code /migrate …}. A command that changes something (start, resume, abort) is acknowledged at once and
     * answered through the command's response URL when done: the run's commit never holds up Slack's 3 seconds.
     * Any other command only reads, and is answered in the acknowledgement itself when the dispatcher is quick
     * (it nearly always is), otherwise through the response URL as well.
     */
    Response command(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        String who = payload.getUserId();
        String text = payload.getText() == null ? "" : payload.getText();
        // The actor is made on the work thread: learning their user groups may ask Slack, which takes a moment.
        CompletableFuture<Optional<Reply>> answer = CompletableFuture.supplyAsync(() ->
                answer(text, people.actor(payload.getUserId(), payload.getUserName()), payload), work);
        if (CHANGING.contains(verb(text))) {
            answer.whenComplete((reply, error) -> later(context, reply, error, text, who));
            return context.ack();
        }
        try {
            return answer.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS)
                    .map(reply -> context.ack(response(reply))).orElseGet(context::ack);
        } catch (TimeoutException e) {
            answer.whenComplete((reply, error) -> later(context, reply, error, text, who));
            return context.ack();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return context.ack(response(Reply.error("Ferry is stopping; try again in a moment.")));
        } catch (ExecutionException e) {
            log.error("/migrate {} of {} failed", dispatcher.redact(text), who, e.getCause());
            return context.ack(response(FAILED));
        }
    }

    private void later(SlashCommandContext context, Optional<Reply> reply, Throwable error, String text, String who) {
        if (error != null) {
            log.error("/migrate {} of {} failed", dispatcher.redact(text), who, error);
        }
        Optional<Reply> shown = error != null ? Optional.of(FAILED) : reply;
        shown.ifPresent(r -> {
            try {
                context.respond(response(r));
            } catch (IOException | RuntimeException e) {
                log.warn("The answer to a /migrate command could not be sent through its response URL: {}", e.toString());
            }
        });
    }

    private static String verb(String text) {
        String[] words = text.strip().split("\\s+", 2);
        return words[0].toLowerCase(Locale.ROOT);
    }

    /** The reply to show (its files handed over), or empty when a form was opened instead. */
    private Optional<Reply> answer(String text, Actor actor, SlashCommandPayload payload) {
        Reply reply = dispatch(text, actor, payload.getChannelId());
        Optional<Reply.Form> form = reply.form();
        if (form.isEmpty()) {
            return Optional.of(files.handOver(reply, actor.userId()));
        }
        String formId = forms.add(form.get().procedureId(), form.get().given(), payload.getChannelId(), actor.userId());
        SlackApi.Result opened = api.openView(payload.getTriggerId(),
                StartForm.view(form.get(), dispatcher.lookups().hostNames(), formId));
        if (opened.ok()) {
            return Optional.empty();
        }
        forms.close(formId);
        Reply.Builder fallback = new Reply.Builder();
        reply.parts().stream().filter(p -> p instanceof Reply.Text).forEach(p -> fallback.line(((Reply.Text) p).text()));
        return Optional.of(fallback.line("(Slack could not open a form for them: " + opened.error()
                + ". Give them as name=value after the procedure.)").buildError());
    }

    /** {@code /migrate resume} shows the run's current step again at the end of its thread, where people look. */
    private Reply dispatch(String text, Actor actor, String channel) {
        String resumed = verb(text).equals("resume") ? resumed(text) : null;
        return threads.resume(resumed, () -> dispatcher.dispatch(text, actor, channel));
    }

    /** The run a resume names, or null when it names none (the dispatcher then says what to write). */
    private static String resumed(String text) {
        try {
            return ChatCommand.parse(text).runId();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static SlashCommandResponse response(Reply reply) {
        return SlashCommandResponse.builder().responseType(reply.ephemeral() ? "ephemeral" : "in_channel")
                .text(ReplyBlocks.text(reply)).blocks(ReplyBlocks.blocks(reply)).build();
    }

    /**
     * The start form. Values that do not fit are shown beside their fields and the form stays open; values that
     * fit close it and start the run, whose messages then appear in the channel the command was typed in.
     */
    Response submit(ViewSubmissionRequest request, ViewSubmissionContext context) {
        ViewSubmissionPayload payload = request.getPayload();
        String userId = payload.getUser().getId();
        Map<String, String> submitted = StartForm.values(payload.getView().getState());
        String firstField = fields(payload).keySet().stream().findFirst().orElse("");
        String formId = payload.getView().getPrivateMetadata();
        Optional<PendingForms.Entry> form = forms.find(formId, userId);
        if (form.isEmpty()) {
            return context.ackWithErrors(Map.of(firstField, PendingForms.GONE));
        }
        Map<String, String> values = new LinkedHashMap<>(form.get().given());
        values.putAll(submitted);
        Map<String, String> problems = dispatcher.lookups().validate(form.get().procedureId(), values);
        if (!problems.isEmpty()) {
            return context.ackWithErrors(errors(problems, payload, firstField));
        }
        forms.close(formId);
        String name = payload.getUser().getUsername() != null ? payload.getUser().getUsername() : payload.getUser().getName();
        String channel = form.get().channel();
        work.execute(() -> {
            Reply reply = dispatcher.start(form.get().procedureId(), values, people.actor(userId, name), channel);
            if (reply.error()) {
                api.tell(channel, userId, null, reply);
            }
        });
        return context.ack();
    }

    /** Problems by field; one about a parameter that has no field (given with the command) goes to the first field. */
    private static Map<String, String> errors(Map<String, String> problems, ViewSubmissionPayload payload,
                                              String firstField) {
        Map<String, Map<String, ViewState.Value>> fields = fields(payload);
        Map<String, String> errors = new LinkedHashMap<>();
        problems.forEach((name, problem) -> {
            if (fields.containsKey(name)) {
                errors.merge(name, SlackText.cut(problem, 300), (a, b) -> a + "; " + b);
            } else {
                errors.merge(firstField, SlackText.cut(name + ": " + problem, 300), (a, b) -> a + "; " + b);
            }
        });
        return errors;
    }

    /** The form's fields as submitted, by block id (the parameter's name). */
    private static Map<String, Map<String, ViewState.Value>> fields(ViewSubmissionPayload payload) {
        ViewState state = payload.getView().getState();
        return state == null || state.getValues() == null ? Map.of() : state.getValues();
    }
}
