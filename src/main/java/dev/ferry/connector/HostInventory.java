package dev.ferry.connector;

import dev.ferry.yaml.YamlDocument;
import dev.ferry.yaml.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.springframework.boot.convert.DurationStyle;

/** The hosts Ferry may run scripts on, read from {@code config/hosts.yml}. Credentials appear only as references. */
public final class HostInventory {

    private final Map<String, Host> hosts;

    public HostInventory(Collection<Host> hosts) {
        Map<String, Host> byName = new LinkedHashMap<>();
        hosts.forEach(h -> byName.put(h.name(), h));
        this.hosts = byName;
    }

    /** @throws HostInventoryException naming the file, line and field of every problem */
    public static HostInventory load(Path file) {
        if (!Files.exists(file)) {
            throw new HostInventoryException(file + " does not exist; create it (see README, Hosts)"
                    + " or set ferry.hosts.file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new HostInventoryException(file + " cannot be read: " + e.getMessage());
        }
        YamlDocument document = YamlDocument.of(text);
        InventorySpec spec;
        try {
            spec = document.isEmpty() ? null : document.read(InventorySpec.class);
        } catch (YamlException e) {
            YamlDocument.Problem problem = e.problem();
            throw new HostInventoryException(file + ":" + problem.line() + ": "
                    + (problem.field().isEmpty() ? "" : problem.field() + ": ") + problem.message());
        }
        List<String> problems = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        if (spec != null && spec.hosts() != null) {
            spec.hosts().forEach((name, host) -> {
                Host built = host == null ? null : host.toHost(name, problems);
                if (built == null && host == null) {
                    problems.add("hosts." + name + ": needs at least address and transport");
                } else if (built != null) {
                    hosts.add(built);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new HostInventoryException(problems.stream()
                    .map(p -> file + ":" + document.lineOf(p.substring(0, p.indexOf(':'))) + ": " + p)
                    .collect(Collectors.joining("\n")));
        }
        return new HostInventory(hosts);
    }

    public Optional<Host> find(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public boolean contains(String name) {
        return hosts.containsKey(name);
    }

    public Collection<Host> all() {
        return hosts.values();
    }

    record InventorySpec(LinkedHashMap<String, HostSpec> hosts) {
    }

    record HostSpec(String address, String transport, String description, String exchange,
                    List<OutcomeSpec> simulate) {

        Host toHost(String name, List<String> problems) {
            String field = "hosts." + name;
            if (address == null || address.isBlank()) {
                problems.add(field + ".address: is missing");
            }
            Transport kind = transport == null ? null : Transport.fromWord(transport);
            if (kind == null) {
                problems.add(field + ".transport: '" + transport + "' is not a transport; use winrm, ssh or simulated");
            }
            List<ScriptedOutcome> outcomes = new ArrayList<>();
            if (simulate != null) {
                if (kind != Transport.SIMULATED) {
                    problems.add(field + ".simulate: only simulated hosts take scripted outcomes");
                }
                for (int i = 0; i < simulate.size(); i++) {
                    ScriptedOutcome outcome = simulate.get(i).toOutcome(field + ".simulate[" + i + "]", problems);
                    if (outcome != null) {
                        outcomes.add(outcome);
                    }
                }
            }
            if (address == null || kind == null) {
                return null;
            }
            return new Host(name, address, kind, description, exchange, outcomes);
        }
    }

    record OutcomeSpec(String match, Integer exitCode, List<String> stdout, String stderr, String lineDelay,
                       String delay) {

        ScriptedOutcome toOutcome(String field, List<String> problems) {
            try {
                return new ScriptedOutcome(Pattern.compile(match == null ? "" : match),
                        exitCode == null ? 0 : exitCode, stdout, stderr,
                        duration(lineDelay), duration(delay));
            } catch (PatternSyntaxException e) {
                problems.add(field + ".match: not a regular expression: " + e.getDescription());
            } catch (IllegalArgumentException e) {
                problems.add(field + ": a duration is not valid (write e.g. 500ms, 2s, 1m): " + e.getMessage());
            }
            return null;
        }

        private static Duration duration(String text) {
            return text == null ? null : DurationStyle.detectAndParse(text);
        }
    }
}
