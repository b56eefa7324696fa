package dev.ferry.chat;

import dev.ferry.access.AuditEntry;
import dev.ferry.access.AuditExport;
import dev.ferry.access.AuditTrail;
import dev.ferry.procedure.QuotedInput;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /migrate audit refusals [since]}: every refusal of the audit trail from a time on (a command or
 * button turned down, an access refusal), also those tied to no run, as the same JSON lines and CSV files as a
 * run's trail. At most {@value #LIMIT} entries, oldest first; the answer says where the next ones start.
 */
final class RefusalReplies {

    static final int LIMIT = 5_000;
    static final Duration DEFAULT_SINCE = Duration.ofDays(7);
    private static final Pattern BACK = Pattern.compile("(\\d{1,6})([hd])");
    private static final String SINCE_FORMS = "a date (2026-11-01, from midnight UTC), a time (2026-11-01T08:00:00Z)"
            + " or a duration back from now (24h, 7d)";

    private final AuditTrail audit;
    private final Clock clock;

    RefusalReplies(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** @param since as typed, or null for the last {@link #DEFAULT_SINCE} */
    Reply export(String since) {
        Instant now = clock.instant();
        Instant from;
        try {
            from = since == null ? now.minus(DEFAULT_SINCE) : parse(since, now);
        } catch (DateTimeException | ArithmeticException e) {
            return Reply.error(QuotedInput.of(since) + " is not a since; give " + SINCE_FORMS
                    + ", e.g. /migrate audit refusals 7d.");
        }
        if (from.isAfter(now)) {
            return Reply.error(QuotedInput.of(since) + " is in the future, so no refusal can be since then; give "
                    + SINCE_FORMS + ".");
        }
        List<AuditEntry> found = audit.refusalsSince(from, LIMIT + 1);
        String fromText = from.truncatedTo(ChronoUnit.SECONDS).toString();
        if (found.isEmpty()) {
            return Reply.info("No refusals since " + fromText + ".");
        }
        List<AuditEntry> entries = found.size() > LIMIT ? found.subList(0, LIMIT) : found;
        long withoutRun = entries.stream().filter(e -> e.runId() == null).count();
        String name = "refusals-since-" + DateTimeFormatter.ISO_LOCAL_DATE.format(from.atOffset(ZoneOffset.UTC));
        String count = found.size() > LIMIT ? "The first " + LIMIT + " refusals"
                : entries.size() == 1 ? "1 refusal" : entries.size() + " refusals";
        Reply.Builder out = new Reply.Builder().line(count + " since " + fromText + ", oldest first (" + withoutRun
                + " of them tied to no run; the others are also in /migrate audit <run>), as JSON lines and as CSV.");
        if (found.size() > LIMIT) {
            out.line("There are more; the next ones: /migrate audit refusals " + found.get(LIMIT).at() + ".");
        }
        return out.attach(new Reply.Attachment(name + "-audit.jsonl", "application/x-ndjson",
                        AuditExport.jsonLines(entries)))
                .attach(new Reply.Attachment(name + "-audit.csv", "text/csv", AuditExport.csv(entries)))
                .build(true);
    }

    private static Instant parse(String since, Instant now) {
        Matcher back = BACK.matcher(since);
        if (back.matches()) {
            long amount = Long.parseLong(back.group(1));
            return now.minus(back.group(2).equals("h") ? Duration.ofHours(amount) : Duration.ofDays(amount));
        }
        if (since.length() == 10) {
            return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(since).toInstant();
    }
}
