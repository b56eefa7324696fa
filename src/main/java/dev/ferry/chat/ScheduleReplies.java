package dev.ferry.chat;

import dev.ferry.access.Actor;
import dev.ferry.procedure.QuotedInput;
import dev.ferry.schedule.Fire;
import dev.ferry.schedule.InvalidScheduleException;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleStatus;
import dev.ferry.schedule.Schedules;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /migrate schedule list|add|pause|resume|remove|run-now}: reads the arguments, asks the schedules, answers. */
final class ScheduleReplies {

    static final String USAGE = "/migrate schedule list | add <procedure> host=<host> cron=\"0 0 2 * * ?\""
            + " tz=<zone> channel=<channel> [name=value …] | pause <id> | resume <id> | remove <id> | run-now <id>";

    private final Schedules schedules;

    ScheduleReplies(Schedules schedules) {
        this.schedules = schedules;
    }

    Reply handle(ChatCommand command, Actor actor) {
        List<String> arguments = command.arguments();
        String sub = arguments.isEmpty() ? "" : arguments.get(0).toLowerCase(Locale.ROOT);
        String target = arguments.size() > 1 ? arguments.get(1) : null;
        if (sub.equals("add") && arguments.size() > 2) {
            return Reply.error(QuotedInput.of(arguments.get(2)) + " is not name=value; write " + USAGE);
        }
        if (!sub.equals("add") && !command.parameters().isEmpty()) {
            return Reply.error("/migrate schedule " + sub + " takes no name=value; write " + USAGE);
        }
        return switch (sub) {
            case "list" -> target == null ? list() : Reply.error("/migrate schedule list takes nothing more, not "
                    + QuotedInput.of(target) + "; write /migrate schedule list.");
            case "add" -> add(target, command.parameters(), actor);
            case "pause", "resume", "remove", "run-now" -> onOne(sub, arguments, actor);
            case "" -> Reply.error("/migrate schedule needs what to do: " + USAGE);
            default -> Reply.error(QuotedInput.of(sub) + " is not a schedule command; write " + USAGE);
        };
    }

    /** pause, resume, remove or run-now of the one schedule named after it. */
    private Reply onOne(String sub, List<String> arguments, Actor actor) {
        if (arguments.size() > 2) {
            return Reply.error("/migrate schedule " + sub + " takes one schedule id, not "
                    + QuotedInput.of(arguments.get(2)) + "; write /migrate schedule " + sub + " <id>.");
        }
        String id = arguments.size() > 1 ? arguments.get(1) : null;
        if (id != null && !QuotedInput.isPlain(id)) {
            // Schedules names the id in every answer: one that would not show as typed is no schedule's.
            return Reply.error("There is no schedule " + QuotedInput.of(id) + "; /migrate schedule list shows them.");
        }
        return CommandDispatcher.outcome(switch (sub) {
            case "pause" -> schedules.pause(id, actor);
            case "resume" -> schedules.resume(id, actor);
            case "remove" -> schedules.remove(id, actor);
            default -> schedules.runNow(id, actor);
        });
    }

    private Reply add(String procedureId, Map<String, String> keys, Actor actor) {
        if (procedureId == null) {
            return Reply.error("/migrate schedule add needs a procedure: " + USAGE);
        }
        Schedule schedule;
        try {
            schedule = schedules.add(procedureId, keys, actor);
        } catch (InvalidScheduleException e) {
            Reply.Builder out = new Reply.Builder().line("Nothing was scheduled:");
            e.problems().forEach(p -> out.line("• " + p));
            return out.line("/migrate help shows the schedule commands; /migrate show " + procedureId
                    + " lists the procedure's parameters.").buildError();
        }
        Reply.Builder out = new Reply.Builder().line("Scheduled " + schedule.id() + " by " + actor + ".");
        schedules.find(schedule.id()).ifPresent(status -> describe(out, status));
        return out.line("Each fire posts its start and result to " + schedule.channel() + " (" + schedule.platform()
                + "). /migrate schedule run-now " + schedule.id() + " tries it now.").build(true);
    }

    private Reply list() {
        List<ScheduleStatus> all = schedules.list();
        if (all.isEmpty()) {
            return Reply.info("No schedules. Add one: " + USAGE);
        }
        Reply.Builder out = new Reply.Builder().line("Schedules (" + all.size() + "):");
        all.forEach(status -> describe(out, status));
        return out.line("Change one: /migrate schedule pause|resume|remove|run-now <id>").build(true);
    }

    private static void describe(Reply.Builder out, ScheduleStatus status) {
        Schedule schedule = status.schedule();
        String parameters = schedule.parameters().entrySet().stream()
                .filter(e -> !status.hosts().contains(e.getValue()))
                .map(e -> e.getKey() + "=" + (e.getValue().contains(" ") ? "\"" + e.getValue() + "\"" : e.getValue()))
                .collect(Collectors.joining(" "));
        out.line("• " + schedule.id() + " — " + schedule.procedureId() + (parameters.isEmpty() ? "" : " " + parameters)
                + (status.hosts().isEmpty() ? "" : " on " + String.join(", ", status.hosts()))
                + (status.paused() ? " · PAUSED" : "")
                + (schedule.origin() == Schedule.Origin.CONFIG ? " · from the configuration" : ""));
        out.line("  when: " + CronWords.describe(schedule.cron()) + " (" + schedule.cron() + "), time zone " + schedule.zone()
                + " · posts to " + schedule.channel() + " (" + schedule.platform() + ")");
        out.line("  next: " + (status.paused() ? "none while paused"
                : status.nextFires().isEmpty() ? "never again" : times(status.nextFires(), schedule.zone())));
        out.line("  last: " + status.last().map(fire -> result(fire, schedule)).orElse("has not fired yet"));
    }

    private static String times(List<Instant> times, ZoneId zone) {
        return times.stream().map(t -> TimeWords.at(t, zone)).collect(Collectors.joining(", "));
    }

    private static String result(Fire fire, Schedule schedule) {
        StringBuilder out = new StringBuilder(fire.result().words()).append(" · due ")
                .append(TimeWords.at(fire.due(), schedule.zone()));
        if (fire.result() == Fire.Result.SUCCEEDED || fire.result() == Fire.Result.FAILED) {
            out.append(" · after ").append(TimeWords.duration(fire.duration()));
            if (fire.exitCode() != null) {
                out.append(" · exit code ").append(fire.exitCode());
            }
        }
        if (fire.kind() == Fire.Kind.MANUAL) {
            out.append(" · run-now by ").append(fire.requestedBy());
        } else if (fire.kind() != Fire.Kind.CRON) {
            out.append(" · ").append(fire.kind().words());
        }
        if (fire.note() != null && fire.result() != Fire.Result.SUCCEEDED) {
            out.append(" · ").append(fire.note());
        }
        return out.toString();
    }
}
