package dev.ferry.connector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a host's secret is kept: an environment variable ({@code env:NAME}) or a file ({@code file:/path}).
 * Only the reference is in the inventory; the secret is read when a script runs and never logged.
 */
public final class CredentialReference {

    private static final Pattern ENV = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern FILE = Pattern.compile("file:(.+)");

    private final String reference;
    private final Function<String, String> environment;

    private CredentialReference(String reference, Function<String, String> environment) {
        this.reference = reference;
        this.environment = environment;
    }

    /** @return the reference, or empty when {@code text} is not one (then it may be the secret itself) */
    public static Optional<CredentialReference> parse(String text) {
        return parse(text, System::getenv);
    }

    /** For tests: an environment other than the process's. */
    public static Optional<CredentialReference> parse(String text, Map<String, String> environment) {
        return parse(text, environment::get);
    }

    private static Optional<CredentialReference> parse(String text, Function<String, String> environment) {
        if (text == null || !(ENV.matcher(text).matches() || FILE.matcher(text).matches())) {
            return Optional.empty();
        }
        return Optional.of(new CredentialReference(text, environment));
    }

    /**
     * Reads the secret now. A file's trailing line break is not part of it.
     *
     * @throws ConnectorException naming the reference (never a value) when it cannot be read
     */
    public String resolve(String hostName) {
        var env = ENV.matcher(reference);
        if (env.matches()) {
            String value = environment.apply(env.group(1));
            if (value == null || value.isEmpty()) {
                throw new ConnectorException("host " + hostName + ": the credential " + reference
                        + " is not set: the environment variable " + env.group(1) + " of Ferry's process is empty");
            }
            return value;
        }
        Path file = Path.of(reference.substring("file:".length()));
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
        } catch (IOException e) {
            throw new ConnectorException("host " + hostName + ": the credential " + reference
                    + " cannot be read: " + FileProblem.describe(e) + "; check the file and its permissions");
        }
    }

    @Override
    public String toString() {
        return reference;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialReference r && r.reference.equals(reference);
    }

    @Override
    public int hashCode() {
        return reference.hashCode();
    }
}
