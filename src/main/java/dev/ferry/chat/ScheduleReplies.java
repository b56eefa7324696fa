package dev.ferry.chat;

import dev.ferry.access.Actor;
import dev.ferry.schedule.Fire;
import dev.ferry.schedule.InvalidScheduleException;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleChange;
import dev.ferry.schedule.ScheduleCommands;
import dev.ferry.schedule.ScheduleReadModel;
import dev.ferry.schedule.ScheduleStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /migrate schedule list|add|pause|resume|remove|run-now}, read by {@link CommandReader}: asks the schedules
 * and answers in words (times in each schedule's zone).
 */
final class ScheduleReplies {

    static final String USAGE = "/migrate schedule list | add <procedure> host=<host> cron=\"0 0 2 * * ?\""
            + " tz=<zone> channel=<channel> [name=value …] | pause <id> | resume <id> | remove <id> | run-now <id>";

    private final ScheduleCommands schedules;
    private final ScheduleReadModel readModel;

    ScheduleReplies(ScheduleCommands schedules, ScheduleReadModel readModel) {
        this.schedules = schedules;
        this.readModel = readModel;
    }

    Reply handle(Command.OnSchedules command, Actor actor) {
        if (command instanceof Command.ScheduleList) {
            return list();
        }
        if (command instanceof Command.ScheduleAdd add) {
            return add(add.procedureId(), add.keys(), actor);
        }
        Command.ScheduleChangeOf change = (Command.ScheduleChangeOf) command;
        String id = change.id();
        ScheduleChange done = switch (change.verb()) {
            case PAUSE -> schedules.pause(id, actor);
            case RESUME -> schedules.resume(id, actor);
            case REMOVE -> schedules.remove(id, actor);
            case RUN_NOW -> schedules.runNow(id, actor);
        };
        return done.accepted() ? Reply.info(words(done)) : Reply.error(words(done));
    }

    private Reply add(String procedureId, Map<String, String> keys, Actor actor) {
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
        readModel.find(schedule.id()).ifPresent(status -> describe(out, status));
        return out.line("Each fire posts its start and result to " + schedule.channel() + " (" + schedule.platform()
                + "). /migrate schedule run-now " + schedule.id() + " tries it now.").build(true);
    }

    private Reply list() {
        List<ScheduleStatus> all = readModel.list();
        if (all.isEmpty()) {
            return Reply.info("No schedules. Add one: " + USAGE);
        }
        Reply.Builder out = new Reply.Builder().line("Schedules (" + all.size() + "):");
        all.forEach(status -> describe(out, status));
        return out.line("Change one: /migrate schedule pause|resume|remove|run-now <id>").build(true);
    }

    /** The one sentence that says what a pause, resume, remove or run-now did, or why it did nothing. */
    static String words(ScheduleChange change) {
        if (change instanceof ScheduleChange.Paused paused) {
            return paused.id() + " paused by " + paused.by() + ": it does not fire until /migrate schedule resume "
                    + paused.id() + ". A fire already running goes on.";
        }
        if (change instanceof ScheduleChange.Resumed resumed) {
            Schedule schedule = resumed.schedule();
            return schedule.id() + " resumed by " + resumed.by() + "; it fires next at "
                    + TimeWords.at(resumed.next(), schedule.zone())
                    + ". Fire times that passed while it was paused are not run.";
        }
        if (change instanceof ScheduleChange.Removed removed) {
            return removed.id() + " removed by " + removed.by() + "; it fires no more. A fire already running goes on.";
        }
        if (change instanceof ScheduleChange.RunsNow runsNow) {
            Schedule schedule = runsNow.schedule();
            return schedule.id() + " runs now, as asked by " + runsNow.by() + "; its channel " + schedule.channel()
                    + " (" + schedule.platform() + ") gets the result.";
        }
        if (change instanceof ScheduleChange.NoId) {
            return "Name the schedule, e.g. S1; /migrate schedule list shows them.";
        }
        if (change instanceof ScheduleChange.NoSuchSchedule missing) {
            return "There is no schedule " + missing.id() + "; /migrate schedule list shows them.";
        }
        if (change instanceof ScheduleChange.AlreadyPaused paused) {
            return paused.id() + " is paused already; /migrate schedule resume " + paused.id() + " resumes it.";
        }
        if (change instanceof ScheduleChange.NotPaused notPaused) {
            return notPaused.id() + " is not paused; /migrate schedule pause " + notPaused.id() + " pauses it.";
        }
        if (change instanceof ScheduleChange.NeverFiresAgain over) {
            String id = over.schedule().id();
            return id + " never fires again (cron " + over.schedule().cron() + "); /migrate schedule remove " + id
                    + " removes it.";
        }
        if (change instanceof ScheduleChange.Declared declared) {
            return declared.id() + " is declared in the configuration (ferry.schedules.declared." + declared.id()
                    + "); remove it there and restart Ferry, or /migrate schedule pause " + declared.id() + ".";
        }
        if (change instanceof ScheduleChange.AlreadyRunning running) {
            Schedule schedule = running.schedule();
            return schedule.id() + " is running (fire " + running.running().id() + ", since "
                    + TimeWords.timeOfDay(running.running().firedAt(), schedule.zone())
                    + "); two fires of one schedule never run at once. Wait for its result.";
        }
        throw new IllegalArgumentException("unknown schedule change " + change);
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
