package dev.ferry.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.env.PropertyResolver;

/**
 * Where {@code spring.datasource.url} puts Ferry's database, as far as start-up failures need it: the file of an
 * H2 database on this machine, or the host:port addresses and database name of a PostgreSQL. Never the URL's
 * parameters, which may hold a password.
 */
record DatabaseLocation(Kind kind, Path h2File, List<String> addresses, String database) {

    static final String URL = "spring.datasource.url";

    enum Kind { H2_FILE, POSTGRESQL, OTHER }

    static DatabaseLocation of(PropertyResolver environment) {
        return parse(environment.getProperty(URL, ""));
    }

    static DatabaseLocation parse(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return h2(url.strip().substring("jdbc:h2:".length()));
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return postgresql(url.strip().substring("jdbc:postgresql:".length()));
        }
        return new DatabaseLocation(Kind.OTHER, null, List.of(), "");
    }

    /** {@code file:./data/ferry;OPTIONS} or {@code ./data/ferry}; not {@code mem:}, {@code tcp://} and the like. */
    private static DatabaseLocation h2(String rest) {
        String path = rest.split(";", 2)[0];
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (path.matches("[A-Za-z]{2,}:.*")) {
            return new DatabaseLocation(Kind.OTHER, null, List.of(), "");
        }
        if (path.isBlank()) {
            return new DatabaseLocation(Kind.OTHER, null, List.of(), "");
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return new DatabaseLocation(Kind.H2_FILE, Path.of(path).toAbsolutePath().normalize(), List.of(), "");
    }

    /** {@code //host1:port1,host2/database?parameters}, or {@code database} alone (localhost:5432). */
    private static DatabaseLocation postgresql(String rest) {
        String withoutParameters = rest.split("\\?", 2)[0];
        if (!withoutParameters.startsWith("//")) {
            return new DatabaseLocation(Kind.POSTGRESQL, null, List.of("localhost:5432"), withoutParameters);
        }
        String[] hostsAndDatabase = withoutParameters.substring(2).split("/", 2);
        List<String> addresses = new ArrayList<>();
        for (String host : hostsAndDatabase[0].split(",")) {
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            addresses.add(host.isEmpty() ? "localhost:5432" : hasPort ? host : host + ":5432");
        }
        return new DatabaseLocation(Kind.POSTGRESQL, null, List.copyOf(addresses),
                hostsAndDatabase.length > 1 ? hostsAndDatabase[1] : "");
    }

    /** The pid file beside an H2 database: data/ferry.pid for data/ferry (whose file is data/ferry.mv.db). */
    Optional<Path> pidFile() {
        return kind == Kind.H2_FILE ? Optional.of(h2File.resolveSibling(h2File.getFileName() + ".pid")) : Optional.empty();
    }

    /** How messages name the database. */
    String describe() {
        return switch (kind) {
            case H2_FILE -> h2File.toString();
            case POSTGRESQL -> String.join(", ", addresses) + (database.isEmpty() ? "" : "/" + database);
            case OTHER -> "named by " + URL;
        };
    }
}
