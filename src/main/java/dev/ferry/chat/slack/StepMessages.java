package dev.ferry.chat.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.ferry.access.Actor;
import dev.ferry.chat.StepView;
import dev.ferry.chat.TimeWords;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lays a run's messages out in Block Kit: the header (procedure, parameters, requester, status, progress) and
 * one message per step (instructions, the exact script, target, warnings, buttons, and once pressed who
 * pressed what and when and how it ended). Buttons are made from the step's actions, whatever they are.
 */
final class StepMessages {

    /** Every Ferry button's action id starts so: {@code ferry:run}, {@code ferry:done}, … */
    static final String ACTION_PREFIX = "ferry:";
    /** Scripts longer than this many code sections go to a file, so a message stays within 50 blocks. */
    private static final int SCRIPT_SECTIONS = 6;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    /** The states a script ends in, whose record still names who started it. */
    private static final Set<StepState> RAN = Set.of(StepState.SUCCEEDED, StepState.FAILED, StepState.TIMED_OUT,
            StepState.OUTCOME_UNKNOWN);

    private final int outputLines;
    private final String onCallGroup;

    /** @param onCallGroup the user group ({@code S…}) an approval request mentions, or null for none */
    StepMessages(int outputLines, String onCallGroup) {
        this.outputLines = outputLines;
        this.onCallGroup = onCallGroup;
    }

    /** A message's notification text and its blocks. */
    record Message(String text, List<LayoutBlock> blocks) {
    }

    Message header(RunSnapshot snapshot) {
        Run run = snapshot.run();
        String title = "Run " + run.id() + " · " + snapshot.procedure().title();
        List<TextObject> fields = List.of(
                markdownText("*Procedure*\n`" + run.procedureId() + "` v" + run.procedureVersion()),
                markdownText("*Requested by*\n" + person(run.requester())),
                markdownText("*Status*\n" + status(snapshot)),
                markdownText("*Progress*\n" + snapshot.settled() + "/" + snapshot.steps().size() + " steps"));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.header(h -> h.text(plainText(SlackText.cut(title, SlackText.HEADER_LIMIT)))));
        blocks.add(section(s -> s.fields(fields)));
        blocks.add(section(s -> s.text(markdownText("*Parameters*\n" + parameters(run.parameters())))));
        blocks.add(context(c -> c.elements(List.of(markdownText(run.status().ended()
                ? "This run has ended. `/migrate status " + run.id() + "` lists its steps."
                : "Its steps follow in this thread. `/migrate status " + run.id() + "` · `/migrate abort "
                + run.id() + "`")))));
        return new Message(title + " · " + run.status().words() + " · " + snapshot.settled() + "/"
                + snapshot.steps().size() + " steps", blocks);
    }

    /**
     * @param outputInFile whether the step's whole output is (or is being) uploaded to the thread as a file
     * @param scriptInFile whether the step's script is too long for the message and uploaded as a file
     */
    Message step(StepView view, boolean outputInFile, boolean scriptInFile) {
        StepRecord record = view.record();
        String title = view.position() + " · " + view.step().title();
        if (record.state() == StepState.NOT_APPLICABLE) {
            String line = SlackText.escape(title + " — " + view.status());
            return new Message(title + " · not applicable",
                    List.of(context(c -> c.elements(List.of(markdownText(line))))));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Blocks.header(h -> h.text(plainText(SlackText.cut("Step " + (record.index() + 1) + "/" + view.event().total()
                + " · " + view.step().title(), SlackText.HEADER_LIMIT)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.escape(view.event().run().id() + " · "
                + view.facts()))))));
        view.step().warningText().ifPresent(w -> blocks.add(section(s -> s.text(markdownText(":warning: *"
                + SlackText.cut(SlackText.escape(w), SlackText.SECTION_LIMIT - 20) + "*")))));
        view.step().instructionText().ifPresent(text -> blocks.addAll(SlackText.sections(text)));
        String script = view.event().script();
        if (script != null) {
            if (scriptInFile) {
                blocks.add(section(s -> s.text(markdownText("The script (" + script.lines().count()
                        + " lines) is in the file in this thread."))));
            } else {
                blocks.addAll(SlackText.codeSections(script));
            }
        }
        blocks.add(section(s -> s.text(markdownText("*Status:* " + SlackText.escape(view.status())
                + startedBy(record)))));
        String tail = view.outputTail(outputLines);
        if (!tail.isEmpty()) {
            blocks.addAll(lastLines(tail, outputInFile));
        }
        if (!view.actions().isEmpty()) {
            blocks.add(actions(a -> a.blockId("ferry-step").elements(buttons(view))));
        }
        return new Message(title + " · " + record.state().words(), blocks);
    }

    /**
     * The reply in the run's thread that calls the on-call group to a step waiting for an approval, and says who
     * may not decide; empty when the step does not wait or no group is configured. A reply, not the step message:
     * a mention notifies only in a new message, and a script step's message is edited into waiting.
     */
    Optional<String> approvalCall(StepView view) {
        if (mention().isEmpty() || !view.awaitingApproval()) {
            return Optional.empty();
        }
        return Optional.of(mention().get() + " " + SlackText.escape(view.position() + " · "
                + view.step().title() + " waits for an on-call approval: " + view.status()) + ". Approve or Reject"
                + " on the step's message above.");
    }

    /**
     * The reply in the run's thread that reminds people of a step waiting for them: "R3 · step 4 'stop-service' has
     * waited 35 min for a press (waiting), run started by @alice"; an escalation also mentions the on-call group.
     */
    String reminder(RunEvent.StepReminder reminder, Instant now) {
        StepRecord record = reminder.record();
        boolean approval = record.state() == StepState.AWAITING_APPROVAL;
        String buttons = record.state().actions(reminder.step().kind()).stream().map(Action::label)
                .collect(Collectors.joining(" · "));
        return (reminder.escalate() ? mention().map(m -> m + " ").orElse("") + ":rotating_light: Escalated: "
                : ":alarm_clock: ") + SlackText.escape(reminder.run().id() + " · step " + (record.index() + 1) + " '"
                + reminder.step().id() + "' has waited " + TimeWords.duration(Duration.between(reminder.waitingSince(), now))
                + (approval ? " for an approval" : " for a press") + " (" + record.state().words() + ")")
                + ", run started by " + person(reminder.run().requester()) + ". Press " + SlackText.escape(buttons)
                + " on the step's message above.";
    }

    /** The on-call group's mention, {@code <!subteam^S…>}, or empty when none is configured. */
    Optional<String> mention() {
        return onCallGroup == null || onCallGroup.isBlank() ? Optional.empty()
                : Optional.of("<!subteam^" + onCallGroup + ">");
    }

    /** Whether a script is too long to show in a message; then it goes to the thread as a file. */
    static boolean scriptTooLong(String script) {
        return script != null && SlackText.codeSectionCount(script) > SCRIPT_SECTIONS;
    }

    /**
     * An output's last lines, as much of their end as one section shows, under a line that says whether the whole
     * output is in a file in the thread.
     */
    static List<LayoutBlock> lastLines(String tail, boolean inFile) {
        String shown = tail.length() > SlackText.SECTION_LIMIT - 100
                ? tail.substring(tail.length() - (SlackText.SECTION_LIMIT - 100)) : tail;
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(context(c -> c.elements(List.of(markdownText(inFile
                ? "Last lines of the output; all of it is in the file in this thread:"
                : "Last lines of the output:")))));
        blocks.addAll(SlackText.codeSections(shown));
        return blocks;
    }

    /** Whether an output is longer than one section can show; then it goes to the thread as a file. */
    static boolean outputTooLong(String output) {
        return output != null && output.length() > SlackText.SECTION_LIMIT - 100;
    }

    private static List<BlockElement> buttons(StepView view) {
        List<BlockElement> buttons = new ArrayList<>();
        for (Action action : view.actions()) {
            boolean danger = action == Action.ABORT || action == Action.REJECT;
            boolean primary = buttons.isEmpty() && !danger;
            buttons.add(button(b -> {
                b.actionId(ACTION_PREFIX + action.word()).value(view.buttonValue()).text(plainText(action.label()));
                if (danger) {
                    b.style("danger");
                }
                if (primary) {
                    b.style("primary");
                }
                if (action == Action.ABORT) {
                    b.confirm(confirmationDialog(d -> d.title(plainText("Abort run " + view.event().run().id() + "?"))
                            .text(plainText("The run ends at this step; its later steps are not shown."))
                            .confirm(plainText("Abort the run")).deny(plainText("Keep it")).style("danger")));
                }
                return b;
            }));
        }
        return buttons;
    }

    /**
     * "Started by alice at 09:44:05" for a script that has run: who pressed Run, approved it, or Ferry for a check,
     * and when. Not for other states: there the record's time and person are of a request or a decision.
     */
    private static String startedBy(StepRecord record) {
        if (record.startedAt() == null || record.actor() == null || !RAN.contains(record.state())) {
            return "";
        }
        return "\nStarted by " + SlackText.escape(record.actor()) + " at " + TIME.format(record.startedAt());
    }

    private static String status(RunSnapshot snapshot) {
        Run run = snapshot.run();
        StepRecord current = snapshot.current();
        if (run.status().ended() || current == null) {
            return run.status().words();
        }
        return "active · step " + (current.index() + 1) + " `" + current.stepId() + "` " + current.state().words();
    }

    private static String parameters(Map<String, String> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        return values.entrySet().stream().map(e -> "`" + e.getKey() + "` " + SlackText.escape(e.getValue()))
                .collect(Collectors.joining(" · "));
    }

    /** A Slack user is mentioned by id, so Slack shows their current name; others by the name they had. */
    static String person(Actor actor) {
        return SlackCommands.PLATFORM.equals(actor.platform()) ? "<@" + actor.userId() + ">"
                : SlackText.escape(actor.displayName());
    }
}
