package dev.ferry.chat.slack;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP mode: a request whose {@code X-Slack-Request-Timestamp} is more than five minutes from Ferry's clock, in
 * either direction, is refused (401, one plain sentence) before Bolt is asked. Bolt refuses an old timestamp but
 * takes one from the future, so a request signed for later could be replayed until then. The body is not read,
 * and not logged. A request without the header goes on to Bolt, which refuses it unless it is Slack's SSL check.
 */
final class TimestampWindow implements Filter {

    static final String HEADER = "X-Slack-Request-Timestamp";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(TimestampWindow.class);

    private final Clock clock;

    TimestampWindow(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String timestamp = ((HttpServletRequest) request).getHeader(HEADER);
        Optional<String> refusal = timestamp == null ? Optional.empty() : refusal(timestamp.strip());
        if (refusal.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Refused a request to {} from {}: {}", ((HttpServletRequest) request).getRequestURI(),
                request.getRemoteAddr(), refusal.get());
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        http.setContentType("text/plain;charset=UTF-8");
        http.getOutputStream().write((refusal.get() + " Refused as a possible replay; if Slack's own requests are"
                + " refused, set this host's clock right (NTP).\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Why a request with this timestamp is refused, or empty when it is within the window. */
    Optional<String> refusal(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Optional.of(HEADER + " is not a number of seconds.");
        }
        long now = clock.instant().getEpochSecond();
        if (seconds > now + WINDOW.toSeconds()) {
            return Optional.of(HEADER + " is more than 5 minutes ahead of Ferry's clock.");
        }
        if (seconds < now - WINDOW.toSeconds()) {
            return Optional.of(HEADER + " is more than 5 minutes behind Ferry's clock.");
        }
        return Optional.empty();
    }
}
