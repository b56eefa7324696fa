package dev.ferry.startup;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Ferry's database cannot be opened: an H2 file another Ferry (or another program) holds, a PostgreSQL that
 * cannot be reached, refuses the login, or has no such database. Names the database (never the URL's parameters
 * or a password) and the keys to set.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class DatabaseFailureAnalyzer implements FailureAnalyzer {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    static final int H2_ALREADY_OPEN = 90020;

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        List<SQLException> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            if (t instanceof SQLException sql) {
                chain.add(sql);
            }
        }
        if (chain.isEmpty()) {
            return null;
        }
        DatabaseLocation database = DatabaseLocation.of(environment);
        for (SQLException sql : chain) {
            FailureAnalysis analysis = switch (database.kind()) {
                case H2_FILE -> h2(sql, database);
                case POSTGRESQL -> postgresql(sql, database);
                case OTHER -> null;
            };
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private FailureAnalysis h2(SQLException sql, DatabaseLocation database) {
        if (sql.getErrorCode() != H2_ALREADY_OPEN) {
            return null;
        }
        Path pidFile = database.pidFile().orElseThrow();
        Optional<Long> holder = PidFile.runningHolder(pidFile);
        String elsewhere = "point " + new SettingKey(DatabaseLocation.URL) + " at another file";
        if (holder.isPresent()) {
            return new FailureAnalysis("Another Ferry runs from this folder, pid " + holder.get() + ": it holds the"
                    + " database " + database.describe() + ", which only one Ferry can open at a time.",
                    "Stop that Ferry (pid " + holder.get() + ") first, or " + elsewhere + " (a second Ferry on"
                            + " the same runs needs PostgreSQL: docs/operations.md, 'Storage, PostgreSQL and several instances').",
                    sql);
        }
        return new FailureAnalysis("Another program holds the database " + database.describe() + " (H2 lets only"
                + " one process open it), and it is not a Ferry that wrote " + pidFile + ".",
                "Close that program (an H2 console, a copy of Ferry started some other way), or " + elsewhere
                        + ", then start Ferry again.", sql);
    }

    private FailureAnalysis postgresql(SQLException sql, DatabaseLocation database) {
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        String at = String.join(", ", database.addresses());
        String user = environment.getProperty("spring.datasource.username", "");
        if (state.startsWith("08")) {
            return new FailureAnalysis("Ferry cannot reach its PostgreSQL database at " + at + ": " + reason(sql),
                    "Start PostgreSQL there, or set " + new SettingKey(DatabaseLocation.URL)
                            + " to where it listens (jdbc:postgresql://host:port/database), then start Ferry again.",
                    sql);
        }
        if (state.startsWith("28")) {
            return new FailureAnalysis("PostgreSQL at " + at + " refused the login"
                    + (user.isBlank() ? "" : " of user '" + user + "'") + ": " + reason(sql),
                    "Set " + new SettingKey("spring.datasource.username") + " and "
                            + new SettingKey("spring.datasource.password") + " to a login of that server (and"
                            + " allow it in pg_hba.conf), then start Ferry again.", sql);
        }
        if ("3D000".equals(state)) {
            return new FailureAnalysis("PostgreSQL at " + at + " has no database '" + database.database() + "'.",
                    "Create it (createdb " + database.database() + "), or set " + new SettingKey(DatabaseLocation.URL)
                            + " to a database that exists, then start Ferry again.", sql);
        }
        return null;
    }

    /** The driver's sentence without its trailing advice and codes. */
    private static String reason(SQLException sql) {
        String message = sql.getMessage() == null ? "" : sql.getMessage().strip();
        return message.isEmpty() ? "the server gave no reason." : message.endsWith(".") ? message : message + ".";
    }
}
