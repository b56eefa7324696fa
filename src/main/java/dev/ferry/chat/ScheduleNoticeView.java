package dev.ferry.chat;

import dev.ferry.schedule.Fire;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleNotice;
import java.time.Instant;
import java.util.List;

/** How a schedule notice reads on every platform; adapters only lay these parts out (as {@link StepView} for steps). */
public record ScheduleNoticeView(ScheduleNotice notice) {

    /** "S1 · galsync-update · fire 12": what every message of a fire starts with. */
    public String position() {
        Schedule schedule = notice.schedule();
        return schedule.id() + " · " + schedule.procedureId() + " · fire " + notice.fire().id();
    }

    /** One line that says what happened. */
    public String headline() {
        Fire fire = notice.fire();
        if (notice instanceof ScheduleNotice.Late late) {
            return position() + ": late, due " + at(fire.due()) + " (Ferry was not running then, or all its schedule"
                    + " workers were busy). It runs now, once, " + TimeWords.duration(late.lateBy()) + " late"
                    + (late.missed() == 0 ? "." : "; " + late.missed() + " earlier fire time(s) also passed and are not run.");
        }
        if (notice instanceof ScheduleNotice.Recovering recovering) {
            return position() + ": running again: fire " + recovering.cutOff().id() + " was cut off when the Ferry instance "
                    + recovering.cutOff().instance() + " stopped (its last sign of life at " + at(recovering.cutOff().end())
                    + ").";
        }
        if (notice instanceof ScheduleNotice.Started started) {
            return position() + ": started " + fire.kind().words()
                    + (fire.kind() == Fire.Kind.MANUAL ? ", asked by " + fire.requestedBy() : ", due " + at(fire.due()))
                    + " — " + started.procedureTitle() + ": " + String.join(", ", started.steps()) + " on "
                    + String.join(", ", started.hosts()) + ".";
        }
        if (notice instanceof ScheduleNotice.Skipped skipped) {
            return position() + ": skipped the fire due " + at(fire.due()) + ": fire " + skipped.running().id()
                    + " (started " + at(skipped.running().firedAt()) + ") was still running. Two fires of one schedule"
                    + " never run at once" + (skipped.skipped() > 1 ? "; " + skipped.skipped() + " fire times were"
                    + " skipped while it ran." : ".");
        }
        if (notice instanceof ScheduleNotice.Progress progress) {
            return position() + ": still running after " + TimeWords.duration(progress.elapsed()) + ", step "
                    + progress.step() + ".";
        }
        if (notice instanceof ScheduleNotice.Succeeded succeeded) {
            return position() + ": succeeded after " + TimeWords.duration(succeeded.duration()) + " · exit code "
                    + succeeded.exitCode() + ".";
        }
        if (notice instanceof ScheduleNotice.Failed failed) {
            return position() + ": FAILED after " + TimeWords.duration(failed.duration())
                    + (failed.exitCode() == null ? "" : " · exit code " + failed.exitCode())
                    + (failed.step() == null ? "" : " · step " + failed.step()) + " — " + failed.reason() + ".";
        }
        throw new IllegalArgumentException("unknown notice " + notice);
    }

    /** The last lines of output the notice carries, or none. */
    public List<String> lastLines() {
        if (notice instanceof ScheduleNotice.Progress progress) {
            return progress.lastLines();
        }
        if (notice instanceof ScheduleNotice.Succeeded succeeded) {
            return succeeded.lastLines();
        }
        if (notice instanceof ScheduleNotice.Failed failed) {
            return failed.lastLines();
        }
        return List.of();
    }

    /** Whether to mention the on-call role: the fire failed. */
    public boolean mentionsOnCall() {
        return notice instanceof ScheduleNotice.Failed;
    }

    /** The whole output, for platforms that attach it as a file; null when the notice carries none. */
    public String fullOutput() {
        if (notice instanceof ScheduleNotice.Succeeded succeeded) {
            return succeeded.output();
        }
        if (notice instanceof ScheduleNotice.Failed failed) {
            return failed.output();
        }
        return null;
    }

    /** A name for the output file: "S1-galsync-update-fire-12.log". */
    public String outputFileName() {
        return notice.schedule().id() + "-" + notice.schedule().procedureId() + "-fire-" + notice.fire().id() + ".log";
    }

    private String at(Instant time) {
        return TimeWords.at(time, notice.schedule().zone());
    }
}
