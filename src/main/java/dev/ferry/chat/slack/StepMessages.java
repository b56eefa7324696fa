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
import dev.ferry.chat.thread.ThreadPort.Content;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lays a run's messages out in Block Kit: the header (procedure, parameters, requester, status, progress), one
 * message per step (instructions, the exact script, target, warnings, buttons, and once pressed who pressed what
 * and when and how it ended), a retired step's line and the run's end line. Buttons are made from the step's
 * actions, whatever they are. {@link SlackThreadPort} decides which of them a thread shows.
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

    /** @param outputLines how many last lines of a finished script's output a step message shows */
    StepMessages(int outputLines) {
        this.outputLines = outputLines;
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
     * @param liveOutput the newest lines of a script that still runs, or null for the step's committed output
     * @param inFiles    what of the step is in a file in the thread instead of the message
     */
    Message step(StepView view, String liveOutput, Set<Content> inFiles) {
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
        view.step().instructionText().ifPresent(text -> blocks.addAll(inFiles.contains(Content.INSTRUCTIONS)
                ? List.of(section(s -> s.text(markdownText("The instructions (" + text.lines().count()
                        + " lines) are in the file in this thread.")))) : SlackText.sections(text)));
        String script = view.event().script();
        if (script != null) {
            if (inFiles.contains(Content.SCRIPT)) {
                blocks.add(section(s -> s.text(markdownText("The script (" + script.lines().count()
                        + " lines) is in the file in this thread."))));
            } else {
                blocks.addAll(SlackText.codeSections(script));
            }
        }
        blocks.add(section(s -> s.text(markdownText("*Status:* " + SlackText.escape(view.status())
                + startedBy(record)))));
        String tail = liveOutput != null ? liveOutput : view.outputTail(outputLines);
        if (!tail.isEmpty()) {
            blocks.addAll(lastLines(tail, liveOutput == null && inFiles.contains(Content.OUTPUT)));
        }
        if (!view.actions().isEmpty()) {
            blocks.add(actions(a -> a.blockId("ferry-step").elements(buttons(view))));
        }
        return new Message(title + " · " + record.state().words(), blocks);
    }

    /** The old message of a step shown again further down: one line, no buttons. */
    static Message retired(StepView view) {
        String line = view.position() + " · " + view.step().title() + " — shown again below.";
        return new Message(line, List.of(context(c -> c.elements(List.of(markdownText(SlackText.escape(line)))))));
    }

    /** The last line of a run's thread: how it ended and how its steps did, "Run R3 finished · 2 done, 1 skipped." */
    static Message ended(RunSnapshot snapshot) {
        Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        snapshot.steps().forEach(record -> counts.merge(record.state(), 1, Integer::sum));
        String line = "Run " + snapshot.run().id() + " " + snapshot.run().status().words() + " · "
                + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().words())
                .collect(Collectors.joining(", ")) + ".";
        return new Message(line, List.of(section(s -> s.text(markdownText(SlackText.escape(line))))));
    }

    /**
     * Whether {@code text} fits in a step's message: a script in at most {@value #SCRIPT_SECTIONS} code sections
     * (so a message stays within 50 blocks), instructions in as many sections, an output's end in one.
     */
    static boolean fits(Content kind, String text) {
        return switch (kind) {
            case SCRIPT -> SlackText.codeSectionCount(text) <= SCRIPT_SECTIONS;
            case INSTRUCTIONS -> SlackText.pieces(SlackText.escape(text), SlackText.SECTION_LIMIT).size()
                    <= SCRIPT_SECTIONS;
            case OUTPUT -> text.length() <= SlackText.SECTION_LIMIT - 100;
        };
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
