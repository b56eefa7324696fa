package dev.ferry.run;

import static dev.ferry.run.StoredValues.cap;
import static dev.ferry.run.StoredValues.fromJson;
import static dev.ferry.run.StoredValues.instant;
import static dev.ferry.run.StoredValues.time;
import static dev.ferry.run.StoredValues.toJson;

import dev.ferry.access.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs and step records in the database. Callers hold the transaction; this class only reads and writes rows. */
public class RunRepository {

    private static final int OUTPUT_LIMIT = 200_000;
    private static final int NOTE_LIMIT = 4_000;

    private final JdbcClient jdbc;

    public RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String nextRunId() {
        jdbc.sql("UPDATE run_counter SET last_number = last_number + 1").update();
        long number = jdbc.sql("SELECT last_number FROM run_counter").query(Long.class).single();
        return "R" + number;
    }

    void insert(Run run, String procedureText, List<StepRecord> steps) {
        jdbc.sql("""
                INSERT INTO run (id, procedure_id, procedure_version, parameters_json, status,
                                 current_index, requester_platform, requester_id, requester_name, channel,
                                 created_at, updated_at)
                VALUES (:id, :procedureId, :version, :parameters, :status, :current, :platform, :userId,
                        :userName, :channel, :created, :updated)""")
                .param("id", run.id())
                .param("procedureId", run.procedureId())
                .param("version", run.procedureVersion())
                .param("parameters", toJson(run.parameters()))
                .param("status", run.status().name())
                .param("current", run.currentIndex())
                .param("platform", run.requester().platform())
                .param("userId", run.requester().userId())
                .param("userName", run.requester().displayName())
                .param("channel", run.channel())
                .param("created", time(run.createdAt()))
                .param("updated", time(run.updatedAt()))
                .update();
        // Apart from the run's row, which every step rewrites (V7__procedure_text_apart.sql says why).
        jdbc.sql("INSERT INTO run_procedure (run_id, procedure_text) VALUES (:id, :text)")
                .param("id", run.id())
                .param("text", procedureText)
                .update();
        for (StepRecord step : steps) {
            jdbc.sql("""
                    INSERT INTO step_record (run_id, step_index, step_id, state, attempt, note, updated_at)
                    VALUES (:runId, :index, :stepId, :state, :attempt, :note, :updated)""")
                    .param("runId", step.runId())
                    .param("index", step.index())
                    .param("stepId", step.stepId())
                    .param("state", step.state().name())
                    .param("attempt", step.attempt())
                    .param("note", cap(step.note(), NOTE_LIMIT))
                    .param("updated", time(Instant.now()))
                    .update();
        }
    }

    Optional<Run> find(String runId) {
        return jdbc.sql("SELECT * FROM run WHERE id = :id").param("id", runId).query(this::run).optional();
    }

    Optional<String> procedureText(String runId) {
        return jdbc.sql("SELECT procedure_text FROM run_procedure WHERE run_id = :id").param("id", runId)
                .query(String.class).optional();
    }

    List<Run> active() {
        return jdbc.sql("SELECT * FROM run WHERE status = 'ACTIVE' ORDER BY created_at").query(this::run).list();
    }

    List<StepRecord> steps(String runId) {
        return jdbc.sql("SELECT * FROM step_record WHERE run_id = :id ORDER BY step_index")
                .param("id", runId).query(this::step).list();
    }

    Optional<StepRecord> step(String runId, int index) {
        return jdbc.sql("SELECT * FROM step_record WHERE run_id = :id AND step_index = :index")
                .param("id", runId).param("index", index).query(this::step).optional();
    }

    /** Steps found running, e.g. after a crash. */
    List<StepRecord> executing() {
        return inState(StepState.EXECUTING);
    }

    /**
     * The current steps of active runs that are in {@code state}. Only a run's current step is ever running or
     * awaiting an approval, so the active runs are where to look (V8__no_step_state_index.sql).
     */
    List<StepRecord> inState(StepState state) {
        return jdbc.sql("""
                SELECT s.* FROM run r JOIN step_record s ON s.run_id = r.id AND s.step_index = r.current_index
                 WHERE r.status = 'ACTIVE' AND s.state = :state
                 ORDER BY s.run_id, s.step_index""")
                .param("state", state.name()).query(this::step).list();
    }

    /** The current step of every active run that has not changed since {@code before}, oldest first. */
    List<CurrentStep> currentStepsUnchangedSince(Instant before) {
        return jdbc.sql("""
                SELECT s.* FROM step_record s JOIN run r ON r.id = s.run_id
                 WHERE r.status = 'ACTIVE' AND s.step_index = r.current_index AND s.updated_at < :before
                 ORDER BY s.updated_at""")
                .param("before", time(before))
                .query((rs, row) -> new CurrentStep(step(rs, row), instant(rs, "updated_at"))).list();
    }

    /** A run's current step and when its row last changed. */
    record CurrentStep(StepRecord record, Instant since) {
    }

    /**
     * Writes {@code next} only if the row is still in {@code expected} state at the same attempt: of two
     * presses at once, exactly one sees true.
     */
    boolean transition(StepRecord expected, StepRecord next) {
        return jdbc.sql("""
                UPDATE step_record
                   SET state = :state, attempt = :attempt, actor_name = :actor, actor_id = :actorId,
                       started_at = :started,
                       finished_at = :finished, exit_code = :exitCode, output = :output, note = :note,
                       updated_at = :updated
                 WHERE run_id = :runId AND step_index = :index AND state = :expectedState
                   AND attempt = :expectedAttempt""")
                .param("state", next.state().name())
                .param("attempt", next.attempt())
                .param("actor", next.actor())
                .param("actorId", next.actorId())
                .param("started", time(next.startedAt()))
                .param("finished", time(next.finishedAt()))
                .param("exitCode", next.exitCode())
                .param("output", cap(next.output(), OUTPUT_LIMIT))
                .param("note", cap(next.note(), NOTE_LIMIT))
                .param("updated", time(Instant.now()))
                .param("runId", expected.runId())
                .param("index", expected.index())
                .param("expectedState", expected.state().name())
                .param("expectedAttempt", expected.attempt())
                .update() == 1;
    }

    /**
     * Moves a run to {@code status} at {@code currentIndex}.
     *
     * @return the run as written, so that nobody reads it back
     */
    Run updateRun(Run run, RunStatus status, int currentIndex) {
        // As precise as the column keeps it, so the run in memory equals the run read back.
        Instant updated = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("UPDATE run SET status = :status, current_index = :current, updated_at = :updated WHERE id = :id")
                .param("status", status.name())
                .param("current", currentIndex)
                .param("updated", time(updated))
                .param("id", run.id())
                .update();
        return new Run(run.id(), run.procedureId(), run.procedureVersion(), run.parameters(), status, currentIndex,
                run.requester(), run.channel(), run.createdAt(), updated);
    }

    private Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getString("id"),
                rs.getString("procedure_id"),
                rs.getInt("procedure_version"),
                fromJson(rs.getString("parameters_json")),
                RunStatus.valueOf(rs.getString("status")),
                rs.getInt("current_index"),
                new Actor(rs.getString("requester_platform"), rs.getString("requester_id"),
                        rs.getString("requester_name")),
                rs.getString("channel"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private StepRecord step(ResultSet rs, int row) throws SQLException {
        return new StepRecord(
                rs.getString("run_id"),
                rs.getInt("step_index"),
                rs.getString("step_id"),
                StepState.valueOf(rs.getString("state")),
                rs.getInt("attempt"),
                rs.getString("actor_name"),
                rs.getString("actor_id"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getObject("exit_code", Integer.class),
                rs.getString("output"),
                rs.getString("note"));
    }
}
