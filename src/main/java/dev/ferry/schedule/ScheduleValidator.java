package dev.ferry.schedule;

import dev.ferry.connector.HostInventory;
import dev.ferry.procedure.BoundParameters;
import dev.ferry.procedure.InvalidParametersException;
import dev.ferry.procedure.Parameter;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.ParameterType;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.procedure.QuotedInput;
import dev.ferry.procedure.Step;
import dev.ferry.procedure.StepKind;
import dev.ferry.procedure.Approval;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@code name=value} pairs into a schedule, or says every field that is wrong. {@code host}, {@code cron},
 * {@code tz}, {@code channel} and {@code platform} belong to the schedule; every other name is a parameter of the
 * procedure. {@code host=} fills the procedure's one host parameter.
 */
final class ScheduleValidator {

    static final Set<String> SCHEDULE_KEYS = Set.of("host", "cron", "tz", "channel", "platform");
    static final List<String> PLATFORMS = List.of("console", "slack", "discord");
    private static final String CRON_FORMAT = "write seconds minutes hours day-of-month month day-of-week [year],"
            + " e.g. cron=\"0 0 2 * * ?\" for 02:00 every day";

    private final ProcedureCatalog catalog;
    private final ParameterBinder binder;
    private final ZoneId defaultZone;

    ScheduleValidator(ProcedureCatalog catalog, HostInventory inventory, ZoneId defaultZone) {
        this.catalog = catalog;
        this.binder = new ParameterBinder(inventory::contains);
        this.defaultZone = defaultZone;
    }

    /**
     * @param defaultPlatform the platform of whoever adds it, used when {@code platform} is not given
     * @throws InvalidScheduleException naming each field that is wrong
     */
    Schedule check(String id, String procedureId, Map<String, String> keys, String defaultPlatform, String addedBy,
                   Schedule.Origin origin, Instant now) {
        List<InvalidScheduleException.Problem> problems = new ArrayList<>();
        Optional<Procedure> found = procedureId == null ? Optional.empty() : catalog.find(procedureId);
        if (found.isEmpty()) {
            throw new InvalidScheduleException(List.of(problem("procedure", procedureId == null ? "is missing"
                    : "there is no procedure " + QuotedInput.of(procedureId) + "; /migrate list shows them")));
        }
        Procedure procedure = found.get();
        ZoneId zone = zone(keys.get("tz"), problems);
        String cron = cron(keys.get("cron"), zone, now, problems);
        String channel = keys.get("channel");
        if (channel == null || channel.isBlank()) {
            problems.add(problem("channel", "is missing; give the channel the results are posted to: channel=console,"
                    + " or a Slack or Discord channel id"));
        } else if (channel.length() > 256) {
            problems.add(problem("channel", "is longer than 256 characters"));
        }
        String platform = keys.getOrDefault("platform", defaultPlatform);
        if (platform == null || !PLATFORMS.contains(platform)) {
            problems.add(problem("platform", (platform == null ? "is missing" : QuotedInput.of(platform) + " is not a platform")
                    + "; use one of " + String.join(", ", PLATFORMS)));
        }
        Map<String, String> parameters = parameters(procedure, keys, problems);
        if (parameters != null) {
            secrets(procedure, parameters, problems);
        }
        if (problems.isEmpty() && parameters != null) {
            try {
                BoundParameters bound = binder.bind(procedure, parameters);
                steps(procedure, bound, problems);
                if (problems.isEmpty()) {
                    return new Schedule(id, procedure.id(), bound.values(), cron, zone, platform, channel.strip(),
                            addedBy, origin, now, now);
                }
            } catch (InvalidParametersException e) {
                boolean viaHost = keys.containsKey("host");
                e.byParameter().forEach((name, message) -> problems.add(problem(
                        viaHost && isHostParameter(procedure, name) ? "host" : name, message)));
            }
        }
        throw new InvalidScheduleException(problems);
    }

    private ZoneId zone(String tz, List<InvalidScheduleException.Problem> problems) {
        if (tz == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            problems.add(problem("tz", QuotedInput.of(tz) + " is not a time zone; use a region id such as Europe/Berlin,"
                    + " America/New_York or UTC"));
            return defaultZone;
        }
    }

    private static String cron(String cron, ZoneId zone, Instant now, List<InvalidScheduleException.Problem> problems) {
        if (cron == null || cron.isBlank()) {
            problems.add(problem("cron", "is missing; " + CRON_FORMAT));
            return null;
        }
        try {
            if (new FireTimes(cron, zone).cronAfter(now).isEmpty()) {
                problems.add(problem("cron", QuotedInput.of(cron) + " never fires after now; " + CRON_FORMAT));
            }
            return cron.strip();
        } catch (ParseException e) {
            problems.add(problem("cron", QuotedInput.of(cron) + " is not a Quartz cron expression (" + e.getMessage()
                    .replaceAll("\\.$", "") + "); " + CRON_FORMAT));
            return null;
        }
    }

    /** The procedure's parameters from the keys, {@code host=} put in the place of the one host parameter. */
    private static Map<String, String> parameters(Procedure procedure, Map<String, String> keys,
                                                  List<InvalidScheduleException.Problem> problems) {
        Map<String, String> parameters = new LinkedHashMap<>();
        keys.forEach((name, value) -> {
            if (!SCHEDULE_KEYS.contains(name)) {
                parameters.put(name, value);
            }
        });
        String host = keys.get("host");
        if (host == null) {
            return parameters;
        }
        List<String> hostParameters = procedure.parameters().stream()
                .filter(p -> p.type() == ParameterType.HOST).map(Parameter::name).toList();
        if (hostParameters.isEmpty()) {
            problems.add(problem("host", procedure.id() + " has no host parameter; leave host= out"));
            return null;
        }
        if (hostParameters.size() > 1) {
            problems.add(problem("host", procedure.id() + " has several host parameters ("
                    + String.join(", ", hostParameters) + "); name each instead, e.g. "
                    + String.join(" ", hostParameters.stream().map(n -> n + "=…").toList())));
            return null;
        }
        String name = hostParameters.get(0);
        String direct = parameters.get(name);
        if (direct != null && !direct.equals(host)) {
            problems.add(problem("host", "host=" + host + " and " + name + "=" + direct + " disagree; give one of them"));
            return null;
        }
        parameters.put(name, host);
        return parameters;
    }

    /** A schedule would have to store a secret to run unattended: Ferry never stores one, so it refuses. */
    private static void secrets(Procedure procedure, Map<String, String> parameters,
                                List<InvalidScheduleException.Problem> problems) {
        for (Parameter parameter : procedure.parameters()) {
            if (parameter.isSecret() && (parameters.containsKey(parameter.name()) || parameter.required())) {
                problems.add(problem(parameter.name(), "is a secret; a schedule would have to store it to run"
                        + " unattended, and Ferry never stores secrets. Run " + procedure.id()
                        + " with /migrate start instead."));
            }
        }
    }

    /** Nobody is there when a schedule fires: every step that applies must be a script that needs no person. */
    static void steps(Procedure procedure, BoundParameters bound, List<InvalidScheduleException.Problem> problems) {
        int scripts = 0;
        for (int i = 0; i < procedure.steps().size(); i++) {
            Step step = procedure.steps().get(i);
            if (!step.when().test(bound.values())) {
                continue;
            }
            String name = "step " + (i + 1) + " '" + step.id() + "'";
            if (step.kind() == StepKind.MANUAL) {
                problems.add(problem("procedure", name + " of " + procedure.id() + " is manual: nobody is there to"
                        + " press Done when a schedule fires. Schedule procedures whose steps for these parameters"
                        + " are all scripts."));
            } else if (step.approval() == Approval.ON_CALL) {
                problems.add(problem("procedure", name + " of " + procedure.id() + " needs an on-call approval each"
                        + " time it runs, and nobody is there to give it when a schedule fires."));
            } else {
                scripts++;
            }
        }
        if (scripts == 0 && problems.isEmpty()) {
            problems.add(problem("procedure", "no step of " + procedure.id() + " applies to these parameters;"
                    + " there is nothing to run"));
        }
    }

    private static boolean isHostParameter(Procedure procedure, String name) {
        return procedure.parameter(name).map(p -> p.type() == ParameterType.HOST).orElse(false);
    }

    private static InvalidScheduleException.Problem problem(String field, String message) {
        return new InvalidScheduleException.Problem(field, message);
    }
}
