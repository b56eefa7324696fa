package dev.ferry.chat;

import dev.ferry.procedure.Procedure;
import java.util.Map;

/**
 * A {@code /migrate} command read into what its verb takes: one record per verb, made by {@link CommandReader}
 * only, so a handler gets a procedure that exists, a run id that is one, a host of the inventory. What could not
 * be read so is {@link Unreadable}, with the answer that says why.
 */
sealed interface Command {

    /** A command of {@link CatalogCommands}. */
    sealed interface OnCatalog extends Command {
    }

    /** A command of {@link RunCommands}. */
    sealed interface OnRuns extends Command {
    }

    /** A command of {@link HostCommands}. */
    sealed interface OnHosts extends Command {
    }

    /** A command of {@link AuditCommands}. */
    sealed interface OnAudit extends Command {
    }

    /** A {@code /migrate schedule …} command, answered by {@link ScheduleReplies}. */
    sealed interface OnSchedules extends Command {
    }

    record Help() implements OnCatalog {
    }

    record ListProcedures() implements OnCatalog {
    }

    record Show(Procedure procedure) implements OnCatalog {
    }

    record Plan(Procedure procedure, Map<String, String> parameters) implements OnRuns {
    }

    record Start(Procedure procedure, Map<String, String> parameters) implements OnRuns {
    }

    /** {@code runId} null: the active runs. */
    record Status(String runId) implements OnRuns {
    }

    record Resume(String runId, Map<String, String> secrets) implements OnRuns {
    }

    record Abort(String runId) implements OnRuns {
    }

    record Hosts() implements OnHosts {
    }

    /** {@code host} is in the inventory. */
    record Check(String host) implements OnHosts {
    }

    record AuditRun(String runId) implements OnAudit {
    }

    /** {@code since} as typed, null for the default. */
    record AuditRefusals(String since) implements OnAudit {
    }

    /** {@code /migrate schedule list}. */
    record ScheduleList() implements OnSchedules {
    }

    /** {@code /migrate schedule add <procedure> host=… cron=… [name=value …]}: the keys as typed, checked there. */
    record ScheduleAdd(String procedureId, Map<String, String> keys) implements OnSchedules {
    }

    /** {@code /migrate schedule pause|resume|remove|run-now <id>}; {@code id} null when none was named. */
    record ScheduleChangeOf(ScheduleVerb verb, String id) implements OnSchedules {
    }

    /** What a change of one schedule does. */
    enum ScheduleVerb {
        PAUSE("pause"), RESUME("resume"), REMOVE("remove"), RUN_NOW("run-now");

        final String word;

        ScheduleVerb(String word) {
            this.word = word;
        }
    }

    /** A command that does not read as its verb takes it: the answer says what is wrong and how to write it. */
    record Unreadable(Reply answer) implements Command {
    }
}
