package dev.ferry.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only audit trail, in the same database as the runs so an entry commits with the change it
 * records. There is deliberately no way to change or remove an entry.
 */
public class AuditTrail {

    private static final int DETAIL_LIMIT = 4_000;

    private final JdbcClient jdbc;

    public AuditTrail(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends an entry inside the caller's transaction, if there is one. */
    public void append(AuditEntry entry) {
        jdbc.sql("""
                INSERT INTO audit_event (at, run_id, kind, platform, actor_id, actor_name, step_id, attempt, host,
                                         exit_code, script_sha256, detail)
                VALUES (:at, :runId, :kind, :platform, :actorId, :actorName, :stepId, :attempt, :host, :exitCode,
                        :sha, :detail)""")
                .param("at", entry.at().atOffset(ZoneOffset.UTC))
                .param("runId", entry.runId())
                .param("kind", entry.kind().name())
                .param("platform", entry.platform())
                .param("actorId", entry.actorId())
                .param("actorName", entry.actorName())
                .param("stepId", entry.stepId())
                .param("attempt", entry.attempt())
                .param("host", entry.host())
                .param("exitCode", entry.exitCode())
                .param("sha", entry.scriptSha256())
                .param("detail", entry.detail() == null || entry.detail().length() <= DETAIL_LIMIT ? entry.detail()
                        : entry.detail().substring(0, DETAIL_LIMIT - 1) + "…")
                .update();
    }

    /** A run's entries in the order they were appended. */
    public List<AuditEntry> ofRun(String runId) {
        return jdbc.sql("SELECT * FROM audit_event WHERE run_id = :runId ORDER BY id")
                .param("runId", runId).query(AuditTrail::entry).list();
    }

    /**
     * Refusals (of commands, buttons, access) from {@code since} on, of any run or none, in the order they
     * happened, at most {@code limit} of them.
     */
    public List<AuditEntry> refusalsSince(Instant since, int limit) {
        return jdbc.sql("SELECT * FROM audit_event WHERE kind = :kind AND at >= :since ORDER BY at, id LIMIT :limit")
                .param("kind", AuditEntry.Kind.REFUSED.name())
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("limit", limit)
                .query(AuditTrail::entry).list();
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("run_id"),
                AuditEntry.Kind.valueOf(rs.getString("kind")),
                rs.getString("platform"),
                rs.getString("actor_id"),
                rs.getString("actor_name"),
                rs.getString("step_id"),
                rs.getObject("attempt", Integer.class),
                rs.getString("host"),
                rs.getObject("exit_code", Integer.class),
                rs.getString("script_sha256"),
                rs.getString("detail"));
    }
}
