package dev.ferry.chat.discord;

import dev.ferry.chat.StepView;
import dev.ferry.chat.TimeWords;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * Nothing here talks to Discord; {@link RunThreads} posts and edits what these methods build.
 */
final class StepMessages {

    /** Outputs longer than a message may be become an attached file (the embed keeps the last lines). */
    static final int OUTPUT_LIMIT = Message.MAX_CONTENT_LENGTH;
    /** Scripts longer than this are attached instead of shown, so the embeds stay within Discord's 6,000 characters. */
    static final int SCRIPT_LIMIT = 2000;
    static final int INSTRUCTIONS_LIMIT = 1500;
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

    /** The run's header, posted where /migrate start was used; its thread carries the steps. */
    static MessageCreateData header(RunEvent.RunStarted started) {
        return header(started.run(), started.procedure().title(), started.procedure().steps().size(), null);
    }

    /** A header for a run whose start was not shown (Discord was unreachable then); the title is the procedure id. */
    static MessageCreateData header(Run run) {
        return header(run, run.procedureId(), -1, null);
    }

    /** The header once the run has ended: its result and how each step ended. */
    static MessageCreateData ended(RunEvent.RunEnded ended) {
        return header(ended.run(), ended.procedure().title(), ended.steps().size(), summary(ended));
    }

    static String threadName(Run run, String title) {
        return cut(run.id() + " · " + title, 100);
    }

    /** The last line of a run's thread: how it ended. */
    static MessageCreateData endLine(RunEvent.RunEnded ended) {
        return plain("Run " + ended.run().id() + " " + summary(ended) + ".");
    }

    /**
     * A step's message.
     *
     * @param liveOutput the last lines a running script printed, or null to show the committed output
     */
    static MessageCreateData step(StepView view, String liveOutput) {
        StepRecord record = view.record();
        if (record.state() == StepState.NOT_APPLICABLE) {
            return plain(view.position() + " · " + view.step().title() + " — " + view.status());
        }
        List<FileUpload> files = new ArrayList<>();
        String fileStem = view.event().run().id() + "-" + view.step().id() + "-attempt" + record.attempt();

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
            if (text.length() > INSTRUCTIONS_LIMIT) {
                files.add(file(fileStem + "-instructions.txt", text));
                description.append(MarkdownSanitizer.escape(text.substring(0, INSTRUCTIONS_LIMIT)))
                        .append("…\n*(the whole text is attached)*\n");
            } else {
                description.append(MarkdownSanitizer.escape(text)).append('\n');
            }
        });
        String script = view.event().script();
        if (script != null) {
            if (script.length() > SCRIPT_LIMIT) {
                files.add(file(fileStem + ".ps1", script));
                description.append("*The script (").append(script.lines().count())
                        .append(" lines, secrets masked) is attached.*");
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
            embeds.add(output(output, liveOutput != null, room, fileStem, files));
        }
        return new MessageCreateBuilder()
                .setEmbeds(embeds)
                .setComponents(buttons(view))
                .setFiles(files)
                .setAllowedMentions(List.of())
                .build();
    }

    /**
     * The call to the on-call group under a step that waits for an approval: a mention of {@code roleId}, and
     * mentions allowed for exactly that role (not @everyone, no user, no other role a reason or title might name).
     */
    static MessageCreateData approvalCall(StepView view, String roleId) {
        return call(roleId, view.position() + " · " + view.step().title() + " waits for an on-call approval: Approve"
                + " or Reject it on the step's message above.");
    }

    /**
     * A reminder in the run's thread: "R3 step 4 has waited 35 min for a press". An escalation calls the on-call
     * role as {@link #approvalCall} does.
     *
     * @param roleId the role to mention, or null for a plain reminder
     */
    static MessageCreateData reminder(RunEvent.StepReminder reminder, Duration waited, String roleId) {
        String text = reminder.run().id() + " step " + (reminder.record().index() + 1) + " has waited "
                + TimeWords.duration(waited) + " for "
                + (reminder.record().state() == StepState.AWAITING_APPROVAL ? "an approval" : "a press")
                + " · " + reminder.step().title() + " (" + reminder.record().state().words() + ", run started by "
                + reminder.run().requester() + "). Its buttons are on the step's message above.";
        return roleId == null ? plain("⏰ " + text) : call(roleId, "⏰ " + text);
    }

    /** A message that mentions {@code roleId} and may notify exactly that role: not @everyone, no user, no other. */
    static MessageCreateData call(String roleId, String text) {
        return new MessageCreateBuilder()
                .setContent("<@&" + roleId + "> " + cut(MarkdownSanitizer.escape(text), 1900))
                .setAllowedMentions(List.of())
                .mentionRoles(roleId)
                .build();
    }

    private static MessageEmbed output(String output, boolean live, int room, String fileStem, List<FileUpload> files) {
        EmbedBuilder embed = new EmbedBuilder().setColor(GREY);
        int tailLimit = Math.max(100, Math.min(TAIL_LIMIT, room - 100));
        if (live) {
            return embed.setTitle("Output so far").setDescription(codeBlock("", tail(output, tailLimit))).build();
        }
        if (output.length() <= OUTPUT_LIMIT && output.length() + 20 <= room) {
            return embed.setTitle("Output").setDescription(codeBlock("", output)).build();
        }
        String name = fileStem + "-output.txt";
        files.add(file(name, output));
        return embed.setTitle(cut("Output: last lines; all " + output.lines().count() + " lines are in " + name,
                        MessageEmbed.TITLE_MAX_LENGTH))
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

    private static MessageCreateData header(Run run, String title, int steps, String result) {
        EmbedBuilder embed = new EmbedBuilder()
                .setTitle(cut("Run " + run.id() + " · " + title, MessageEmbed.TITLE_MAX_LENGTH))
                .setDescription("`" + run.procedureId() + "` v" + run.procedureVersion() + " · started by <@"
                        + run.requester().userId() + ">" + (steps < 0 ? "" : " · " + steps + " steps")
                        + (result == null ? "\nThe steps follow in this message's thread." : "\n**" + result + "**"))
                .addField("Parameters", cut(parameters(run.parameters()), MessageEmbed.VALUE_MAX_LENGTH), false)
                .setTimestamp(run.createdAt())
                .setColor(result == null ? BLURPLE : run.status() == RunStatus.FINISHED ? GREEN : RED);
        return new MessageCreateBuilder().setEmbeds(embed.build()).setAllowedMentions(List.of()).build();
    }

    private static String summary(RunEvent.RunEnded ended) {
        Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        ended.steps().forEach(record -> counts.merge(record.state(), 1, Integer::sum));
        return ended.run().status().words() + " · " + counts.entrySet().stream()
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
