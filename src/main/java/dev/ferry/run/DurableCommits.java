package dev.ferry.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Ferry's first promise: what it has shown a person is on disk. A transition is published only after its
 * transaction commits, so that promise holds exactly when a commit is on disk once {@code commit()} returns.
 *
 * <p>PostgreSQL does that itself ({@code synchronous_commit} decides how far: docs/operations.md, "What a crash costs").
 * Embedded H2 does not by default: its MVStore writes committed transactions in the background, up to
 * {@code WRITE_DELAY} (500 ms) later, and a process killed meanwhile loses them. With {@code WRITE_DELAY=0}
 * H2 writes each commit to its file before the commit returns; the operating system then holds it, so a killed
 * process loses nothing (a power loss can still cost what the OS had not written, as H2 does not fsync).
 *
 * <p>This adds {@code WRITE_DELAY=0} to an H2 file URL that does not say otherwise. A URL that sets another
 * delay is kept, with a warning in the log: someone chose it (the engine benchmark does, to compare).
 */
final class DurableCommits implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);
    private static final Pattern WRITE_DELAY = Pattern.compile(";\\s*WRITE_DELAY\\s*=\\s*([^;]*)",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
            properties.setUrl(durable(properties.getUrl()));
        }
        return bean;
    }

    /** The URL with H2's commits written before they return; other URLs as they are. */
    static String durable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:h2:mem:") || lower.startsWith("jdbc:h2:tcp:")
                || lower.startsWith("jdbc:h2:ssl:")) {
            return url;
        }
        Matcher delay = WRITE_DELAY.matcher(url);
        if (delay.find()) {
            if (!delay.group(1).strip().equals("0")) {
                log.warn("The database URL sets WRITE_DELAY={}: H2 then writes commits up to that many milliseconds"
                        + " late, and a killed Ferry can lose what it had already shown. Remove WRITE_DELAY from"
                        + " spring.datasource.url to have every commit written before it is shown.",
                        delay.group(1).strip());
            }
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }
}
