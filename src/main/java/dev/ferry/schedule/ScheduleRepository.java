package dev.ferry.schedule;

import static dev.ferry.run.StoredValues.cap;
import static dev.ferry.run.StoredValues.fromJson;
import static dev.ferry.run.StoredValues.instant;
import static dev.ferry.run.StoredValues.time;
import static dev.ferry.run.StoredValues.toJson;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/** Schedules and their fires in the database. Callers hold the transaction where several writes belong together. */
class ScheduleRepository {

    private static final int NOTE_LIMIT = 4_000;
    private static final int TAIL_LIMIT = 4_000;

    private final JdbcClient jdbc;

    ScheduleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String nextId() {
        jdbc.sql("UPDATE schedule_counter SET last_number = last_number + 1").update();
        return "S" + jdbc.sql("SELECT last_number FROM schedule_counter").query(Long.class).single();
    }

    void insert(Schedule schedule) {
        jdbc.sql("""
                INSERT INTO schedule (id, procedure_id, parameters_json, cron, time_zone, platform, channel, added_by,
                                      origin, created_at, counting_from)
                VALUES (:id, :procedure, :parameters, :cron, :zone, :platform, :channel, :addedBy, :origin, :created,
                        :countingFrom)""")
                .params(row(schedule))
                .update();
    }

    /** Replaces what the schedule runs, when and where it posts; keeps its id and history. */
    void update(Schedule schedule) {
        jdbc.sql("""
                UPDATE schedule SET procedure_id = :procedure, parameters_json = :parameters, cron = :cron,
                       time_zone = :zone, platform = :platform, channel = :channel, added_by = :addedBy,
                       origin = :origin, counting_from = :countingFrom
                 WHERE id = :id""")
                .params(row(schedule))
                .update();
    }

    void countFrom(String id, Instant from) {
        jdbc.sql("UPDATE schedule SET counting_from = :from WHERE id = :id")
                .param("from", time(from)).param("id", id).update();
    }

    boolean delete(String id) {
        jdbc.sql("DELETE FROM schedule_fire WHERE schedule_id = :id").param("id", id).update();
        return jdbc.sql("DELETE FROM schedule WHERE id = :id").param("id", id).update() == 1;
    }

    Optional<Schedule> find(String id) {
        return jdbc.sql("SELECT * FROM schedule WHERE id = :id").param("id", id).query(this::schedule).optional();
    }

    List<Schedule> all() {
        return jdbc.sql("SELECT * FROM schedule ORDER BY created_at, id").query(this::schedule).list();
    }

    /** Records a fire that starts to run; {@code started_at} is set when its first script starts. */
    Fire insertRunning(String scheduleId, Fire.Kind kind, Instant due, Instant firedAt, String requestedBy,
                       String instance) {
        return insertFire(scheduleId, kind, Fire.Result.RUNNING, due, firedAt, null, requestedBy, instance, null);
    }

    Fire insertSkipped(String scheduleId, Fire.Kind kind, Instant due, Instant firedAt, String instance, String note) {
        return insertFire(scheduleId, kind, Fire.Result.SKIPPED, due, firedAt, firedAt, null, instance, note);
    }

    private Fire insertFire(String scheduleId, Fire.Kind kind, Fire.Result result, Instant due, Instant firedAt,
                            Instant finishedAt, String requestedBy, String instance, String note) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO schedule_fire (schedule_id, kind, outcome, due_at, fired_at, finished_at, updated_at,
                                           requested_by, instance, note)
                VALUES (:schedule, :kind, :result, :due, :fired, :finished, :fired, :requestedBy, :instance, :note)""")
                .param("schedule", scheduleId)
                .param("kind", kind.name())
                .param("result", result.name())
                .param("due", time(due))
                .param("fired", time(firedAt))
                .param("finished", time(finishedAt))
                .param("requestedBy", requestedBy)
                .param("instance", instance)
                .param("note", cap(note, NOTE_LIMIT))
                .update(key, "id");
        return fire(key.getKey().longValue()).orElseThrow();
    }

    Optional<Fire> fire(long id) {
        return jdbc.sql("SELECT * FROM schedule_fire WHERE id = :id").param("id", id).query(this::fireRow).optional();
    }

    void started(long fireId, Instant at) {
        jdbc.sql("UPDATE schedule_fire SET started_at = :at, updated_at = :at WHERE id = :id AND started_at IS NULL")
                .param("at", time(at)).param("id", fireId).update();
    }

    /** A sign of life from a long fire: an instance that stops leaves this as the fire's last known moment. */
    void heartbeat(long fireId, Instant at) {
        jdbc.sql("UPDATE schedule_fire SET updated_at = :at WHERE id = :id AND outcome = 'RUNNING'")
                .param("at", time(at)).param("id", fireId).update();
    }

    /** @return the finished fire, or empty when its schedule was removed meanwhile (with its history) */
    Optional<Fire> finish(long fireId, Fire.Result result, Instant at, Integer exitCode, String note,
                          String outputTail) {
        jdbc.sql("""
                UPDATE schedule_fire SET outcome = :result, finished_at = :at, updated_at = :at, exit_code = :exitCode,
                       note = :note, output_tail = :tail
                 WHERE id = :id""")
                .param("result", result.name()).param("at", time(at)).param("exitCode", exitCode)
                .param("note", cap(note, NOTE_LIMIT)).param("tail", cap(outputTail, TAIL_LIMIT)).param("id", fireId)
                .update();
        return fire(fireId);
    }

    /**
     * Fires of the schedule still marked running. Called when Quartz fires the schedule, which it never does while
     * another fire of it runs anywhere in the cluster: such a record is left by an instance that stopped.
     */
    List<Fire> running(String scheduleId) {
        return jdbc.sql("SELECT * FROM schedule_fire WHERE schedule_id = :id AND outcome = 'RUNNING' ORDER BY id")
                .param("id", scheduleId).query(this::fireRow).list();
    }

    /** The newest fire that Quartz's cron or daylight-saving trigger started, whatever became of it. */
    Optional<Fire> lastScheduled(String scheduleId) {
        return newest(scheduleId, "kind IN ('CRON', 'DST')");
    }

    /** The newest fire that ran (or was running when its instance stopped). */
    Optional<Fire> lastExecuted(String scheduleId) {
        return newest(scheduleId, "outcome <> 'SKIPPED'");
    }

    Optional<Fire> last(String scheduleId) {
        return newest(scheduleId, "1 = 1");
    }

    private Optional<Fire> newest(String scheduleId, String condition) {
        return jdbc.sql("SELECT * FROM schedule_fire WHERE schedule_id = :id AND " + condition
                        + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("id", scheduleId).query(this::fireRow).optional();
    }

    List<Fire> fires(String scheduleId) {
        return jdbc.sql("SELECT * FROM schedule_fire WHERE schedule_id = :id ORDER BY id")
                .param("id", scheduleId).query(this::fireRow).list();
    }

    /** Keeps the newest {@code keep} fires of a schedule. */
    void prune(String scheduleId, int keep) {
        jdbc.sql("""
                DELETE FROM schedule_fire WHERE schedule_id = :id AND id < (
                    SELECT MIN(id) FROM (SELECT id FROM schedule_fire WHERE schedule_id = :id
                                          ORDER BY id DESC FETCH FIRST :keep ROWS ONLY) newest)""")
                .param("id", scheduleId).param("keep", keep).update();
    }

    private Map<String, Object> row(Schedule schedule) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", schedule.id());
        row.put("procedure", schedule.procedureId());
        row.put("parameters", toJson(schedule.parameters()));
        row.put("cron", schedule.cron());
        row.put("zone", schedule.zone().getId());
        row.put("platform", schedule.platform());
        row.put("channel", schedule.channel());
        row.put("addedBy", schedule.addedBy());
        row.put("origin", schedule.origin().name());
        row.put("created", time(schedule.createdAt()));
        row.put("countingFrom", time(schedule.countingFrom()));
        return row;
    }

    private Schedule schedule(ResultSet rs, int row) throws SQLException {
        return new Schedule(
                rs.getString("id"),
                rs.getString("procedure_id"),
                fromJson(rs.getString("parameters_json")),
                rs.getString("cron"),
                ZoneId.of(rs.getString("time_zone")),
                rs.getString("platform"),
                rs.getString("channel"),
                rs.getString("added_by"),
                Schedule.Origin.valueOf(rs.getString("origin")),
                instant(rs, "created_at"),
                instant(rs, "counting_from"));
    }

    private Fire fireRow(ResultSet rs, int row) throws SQLException {
        return new Fire(
                rs.getLong("id"),
                rs.getString("schedule_id"),
                Fire.Kind.valueOf(rs.getString("kind")),
                Fire.Result.valueOf(rs.getString("outcome")),
                instant(rs, "due_at"),
                instant(rs, "fired_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "updated_at"),
                rs.getObject("exit_code", Integer.class),
                rs.getString("requested_by"),
                rs.getString("instance"),
                rs.getString("note"),
                rs.getString("output_tail"));
    }
}
