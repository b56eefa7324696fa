package dev.ferry.chat.console;

import dev.ferry.chat.ReminderView;
import dev.ferry.chat.Reply;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.StepView;
import dev.ferry.connector.OutputListener;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import dev.ferry.schedule.ScheduleNotice;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Lays replies and run events out as terminal text; buttons become the words to type. */
final class ConsoleRenderer {

    private ConsoleRenderer() {
    }

    static String reply(Reply reply) {
        StringBuilder out = new StringBuilder();
        for (Reply.Part part : reply.parts()) {
            if (part instanceof Reply.Text text) {
                out.append(reply.error() && out.isEmpty() ? "! " : "").append(text.text()).append('\n');
            } else if (part instanceof Reply.Code code) {
                code.code().lines().forEach(line -> out.append("    | ").append(line).append('\n'));
            }
        }
        return out.toString();
    }

    /** @param now when the event is shown: how long a reminded step has waited is measured to it */
    static String event(RunEvent event, String onCall, Instant now) {
        if (event instanceof RunEvent.StepReminder reminder) {
            ReminderView view = new ReminderView(reminder, Duration.between(reminder.waitingSince(), now));
            return "⏰ " + (view.escalate() ? onCall + " " : "") + view.sentence() + " → type: "
                    + view.actions().stream().map(Action::word).collect(Collectors.joining(" · ")) + " "
                    + reminder.run().id() + "\n";
        }
        return event(event);
    }

    static String notice(ScheduleNotice notice, String onCall) {
        ScheduleNoticeView view = new ScheduleNoticeView(notice);
        StringBuilder out = new StringBuilder("◷ ").append(view.mentionsOnCall() ? onCall + " " : "")
                .append(view.headline()).append('\n');
        view.lastLines().forEach(line -> out.append("   │ ").append(line).append('\n'));
        return out.toString();
    }

    static String event(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            return "══ Run " + started.run().id() + " · " + started.procedure().title() + " ("
                    + started.procedure().id() + " v" + started.procedure().version() + ")\n"
                    + "   started by " + started.run().requester() + " · "
                    + started.procedure().steps().size() + " steps · "
                    + started.run().parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")) + "\n";
        }
        if (event instanceof RunEvent.StepChanged changed) {
            return step(new StepView(changed));
        }
        if (event instanceof RunEvent.StepOutput output) {
            return "   " + (output.stream() == OutputListener.Stream.STDERR ? "! " : "│ ") + output.line() + "\n";
        }
        if (event instanceof RunEvent.RunEnded ended) {
            Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
            for (StepRecord record : ended.steps()) {
                counts.merge(record.state(), 1, Integer::sum);
            }
            return "══ Run " + ended.run().id() + " " + ended.run().status().words() + " · "
                    + counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().words())
                            .collect(Collectors.joining(", ")) + "\n";
        }
        return "";
    }

    private static String step(StepView view) {
        String head = "── " + view.position() + " · " + view.step().title();
        if (!view.needsPerson()) {
            return "   " + view.position() + " · " + view.step().id() + ": " + view.status() + "\n";
        }
        StringBuilder out = new StringBuilder(head).append('\n')
                .append("   ").append(view.facts()).append('\n');
        view.step().warningText().ifPresent(w -> indent(out, "⚠ " + w));
        view.step().instructionText().ifPresent(text -> indent(out, text));
        if (view.event().script() != null) {
            view.event().script().lines().forEach(line -> out.append("    | ").append(line).append('\n'));
        }
        String tail = view.outputTail(10);
        if (view.record().state() != StepState.WAITING) {
            indent(out, view.status());
            if (!tail.isEmpty()) {
                indent(out, "last output:");
                tail.lines().forEach(line -> out.append("   │ ").append(line).append('\n'));
            }
        }
        out.append("   → type: ").append(view.actions().stream().map(Action::word).collect(Collectors.joining(" · ")))
                .append('\n');
        return out.toString();
    }

    private static void indent(StringBuilder out, String text) {
        text.lines().forEach(line -> out.append("   ").append(line).append('\n'));
    }
}
