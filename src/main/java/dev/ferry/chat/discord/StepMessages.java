package dev.ferry.chat.discord;

import dev.ferry.chat.ReminderView;
import dev.ferry.chat.StepView;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * How a run looks on Discord: a header message in the channel (the thread hangs from it) and one message per step,
 * an embed with the step's title, instructions, script, target, warning and status, and a button per action.
 * Nothing here talks to Discord; {@link DiscordThreadPort} posts and edits what these methods build.
 */
final class StepMessages {

    private static final int WARNING_LIMIT = 500;
    private static final int TAIL_LIMIT = 1000;
    private static final int BUTTONS_PER_ROW = 5;

    private static final int BLURPLE = 0x5865F2;
    private static final int YELLOW = 0xFEE75C;
    private static final int GREEN = 0x57F287;
    private static final int RED = 0xED4245;
    private static final int GREY = 0x99AAB5;

    private StepMessages() {
    }

    /** The run's header, posted where /migrate start was used; its thread carries the steps. Once ended, the result. */
    static MessageCreateData header(RunSnapshot shown) {
        Run run = shown.run();
        String result = run.status().ended() ? summary(shown) : null;
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(cut("Run " + run.id() + " · " + shown.procedure().title(), MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription("`" + run.procedureId() + "` v" + run.procedureVersion() + " · started by <@"
                        + run.requester().userId() + "> · " + shown.steps().size() + " steps"
                        + (result == null ? "\nThe steps follow in this message's thread." : "\n**" + result + "**"))
                .addField("Parameters", cut(parameters(run.parameters()), MessageEmbed.VALUE_MAX_LENGTH), false)
                .setTimestamp(run.createdAt())
                .setColor(result == null ? BLURPLE : run.status() == RunStatus.FINISHED ? GREEN : RED);
        return new MessageCreateBuilder().setEmbeds(embed.build()).setAllowedMentions(List.of()).build();
    }

    /** The last line of a run's thread: how it ended. */
    static MessageCreateData endLine(RunSnapshot ended) {
        return plain("Run " + ended.run().id() + " " + summary(ended) + ".");
    }

    /**
     * A step's message. What {@code inFiles} names is in a file of its own in the thread; here, its start or end.
     *
     * @param liveOutput the last lines a running script printed, or null to show the committed output
     */
    static MessageCreateData step(StepView view, String liveOutput, Set<ThreadPort.Content> inFiles) {
        StepRecord record = view.record();
        if (record.state() == StepState.NOT_APPLICABLE) {
            return plain(view.position() + " · " + view.step().title() + " — " + view.status());
        }
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(cut("Step " + (record.index() + 1) + "/" + view.event().total() + " · " + view.step().title(),
                        MessageEmbed.TITLE_MAX_LENGTH))
                .setColor(colour(record.state()))
                .setFooter(view.position() + " · " + view.step().id());
        Instant when = record.finishedAt() != null ? record.finishedAt() : record.startedAt();
        if (when != null) {
            embed.setTimestamp(when);
        }
        StringBuilder description = new StringBuilder();
        view.step().instructionText().ifPresent(text -> {
            if (inFiles.contains(ThreadPort.Content.INSTRUCTIONS)) {
                description.append(MarkdownSanitizer.escape(cut(text, DiscordThreadPort.INSTRUCTIONS_LIMIT)))
                        .append("\n*(the whole text is in a file in this thread)*\n");
            } else {
                description.append(MarkdownSanitizer.escape(text)).append('\n');
            }
        });
        String script = view.event().script();
        if (script != null) {
            if (inFiles.contains(ThreadPort.Content.SCRIPT)) {
                description.append("*The script (").append(script.lines().count())
                        .append(" lines, secrets masked) is in a file in this thread.*");
            } else {
                description.append(codeBlock("powershell", script));
            }
        }
        embed.setDescription(description.toString().strip());
        embed.addField("Where", MarkdownSanitizer.escape(view.facts()), false);
        view.step().warningText().ifPresent(w ->
                embed.addField("⚠ Warning", cut(MarkdownSanitizer.escape(w), WARNING_LIMIT), false));
        embed.addField("Status", cut(MarkdownSanitizer.escape(view.status()), MessageEmbed.VALUE_MAX_LENGTH), false);

        List<MessageEmbed> embeds = new ArrayList<>();
        MessageEmbed main = embed.build();
        embeds.add(main);
        String output = liveOutput != null ? liveOutput : record.output();
        if (output != null && !output.isBlank()) {
            // Every embed of a message shares 6,000 characters: what the step's own embed leaves is the output's.
            int room = MessageEmbed.EMBED_MAX_LENGTH_BOT - main.getLength() - 100;
            String file = inFiles.contains(ThreadPort.Content.OUTPUT) ? RunThreads.outputFile(view) : null;
            embeds.add(output(output, liveOutput != null, room, file));
        }
        return new MessageCreateBuilder()
                .setEmbeds(embeds)
                .setComponents(buttons(view))
                .setAllowedMentions(List.of())
                .build();
    }

    /** The old message of a step shown again further down: no buttons, and where to look instead. */
    static MessageCreateData retired(StepView view) {
        return plain(view.position() + " · " + view.step().title() + " — shown again below.");
    }

    /**
     * The call to the on-call group under a step that waits for an approval: a mention of {@code roleId}, and
     * mentions allowed for exactly that role (not @everyone, no user, no other role a reason or title might name).
     */
    static MessageCreateData approvalCall(StepView view, String roleId) {
        return call(roleId, MarkdownSanitizer.escape(view.position() + " · " + view.step().title() + " waits for an"
                + " on-call approval: Approve or Reject it on the step's message above."));
    }

    /**
     * A reminder in the run's thread, in the wording every platform shares; an escalation calls the on-call role as
     * {@link #approvalCall} does.
     *
     * @param roleId the role to mention, or null for a plain reminder
     */
    static MessageCreateData reminder(ReminderView reminder, String roleId) {
        return call(roleId, "⏰ " + reminder.sentence(MarkdownSanitizer::escape,
                person -> MarkdownSanitizer.escape(person.displayName()))
                + " Its buttons are on the step's message above.");
    }

    /**
     * A message that mentions {@code roleId} (null: nobody) and may notify exactly that role: not @everyone, no
     * user, no other.
     *
     * @param text already safe for Discord's markdown
     */
    private static MessageCreateData call(String roleId, String text) {
        MessageCreateBuilder message = new MessageCreateBuilder().setAllowedMentions(List.of());
        if (roleId == null) {
            return message.setContent(cut(text, Message.MAX_CONTENT_LENGTH)).build();
        }
        return message.setContent("<@&" + roleId + "> " + cut(text, 1900)).mentionRoles(roleId).build();
    }

    /** @param file the file in the thread with the whole output, or null when it is shown whole (if it fits) */
    private static MessageEmbed output(String output, boolean live, int room, String file) {
        EmbedBuilder embed = new EmbedBuilder().setColor(GREY);
        int tailLimit = Math.max(100, Math.min(TAIL_LIMIT, room - 100));
        if (live) {
            return embed.setTitle("Output so far").setDescription(codeBlock("", tail(output, tailLimit))).build();
        }
        if (file == null && output.length() + 20 <= room) {
            return embed.setTitle("Output").setDescription(codeBlock("", output)).build();
        }
        String title = file == null ? "Output: last lines"
                : "Output: last lines; all " + output.lines().count() + " lines are in " + file;
        return embed.setTitle(cut(title, MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription(codeBlock("", tail(output, tailLimit))).build();
    }

    /** A button per action, in the order the engine gives them; new actions need no change here. */
    static List<ActionRow> buttons(StepView view) {
        List<Button> buttons = new ArrayList<>();
        List<Action> actions = view.actions();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            buttons.add(Button.of(style(action, i), ButtonIds.of(action.word(), view), action.label()));
        }
        List<ActionRow> rows = new ArrayList<>();
        for (int from = 0; from < buttons.size(); from += BUTTONS_PER_ROW) {
            rows.add(ActionRow.of(buttons.subList(from, Math.min(buttons.size(), from + BUTTONS_PER_ROW))));
        }
        return rows;
    }

    private static ButtonStyle style(Action action, int position) {
        if (action == Action.ABORT || action == Action.REJECT) {
            return ButtonStyle.DANGER;
        }
        return position == 0 ? ButtonStyle.PRIMARY : ButtonStyle.SECONDARY;
    }

    private static String summary(RunSnapshot shown) {
        Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        shown.steps().forEach(record -> counts.merge(record.state(), 1, Integer::sum));
        return shown.run().status().words() + " · " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().words()).collect(Collectors.joining(", "));
    }

    private static String parameters(Map<String, String> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        return values.entrySet().stream().map(e -> "`" + e.getKey() + "` = `" + e.getValue().replace("`", "'") + "`")
                .collect(Collectors.joining("\n"));
    }

    private static int colour(StepState state) {
        return switch (state) {
            case WAITING, PENDING -> BLURPLE;
            case EXECUTING, AWAITING_APPROVAL -> YELLOW;
            case SUCCEEDED, DONE, MARKED_DONE -> GREEN;
            case FAILED, TIMED_OUT, OUTCOME_UNKNOWN, REJECTED, APPROVAL_EXPIRED -> RED;
            case SKIPPED, ABORTED, NOT_APPLICABLE -> GREY;
        };
    }

    static MessageCreateData plain(String text) {
        return new MessageCreateBuilder().setContent(cut(MarkdownSanitizer.escape(text), Message.MAX_CONTENT_LENGTH))
                .setAllowedMentions(List.of()).build();
    }

    /** A fenced block that the text cannot close early. */
    static String codeBlock(String language, String text) {
        return "```" + language + "\n" + text.replace("```", "``\u200B`") + "\n```";
    }

    /** The end of {@code output} in at most {@code limit} characters, starting at a line where it can. */
    private static String tail(String output, int limit) {
        if (output.length() <= limit) {
            return output;
        }
        String tail = output.substring(output.length() - limit);
        int newline = tail.indexOf('\n');
        return newline >= 0 && newline < tail.length() - 1 ? tail.substring(newline + 1) : tail;
    }

    static FileUpload file(String name, String text) {
        return FileUpload.fromData(text.getBytes(StandardCharsets.UTF_8), name);
    }

    static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
