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
            throw new HostInventoryException(file + " does not exist; create it (see docs/hosts-and-connectors.md)"
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
                    List<OutcomeSpec> simulate, Integer port, String auth, String user, String credential,
                    Boolean https, TlsSpec tls, String knownHosts, String shell, Boolean delegate) {

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
            if (exchange != null && !exchange.matches("\\d{4}")) {
                problems.add(field + ".exchange: '" + exchange + "' is not an Exchange version; write e.g. \"2007\"");
            }
            Endpoint endpoint = null;
            if (kind == Transport.SIMULATED) {
                rejectConnectionKeys(field, problems);
            } else if (kind != null) {
                endpoint = endpoint(field, kind, problems);
            }
            if (address == null || kind == null) {
                return null;
            }
            return new Host(name, address, kind, description, exchange, outcomes, endpoint);
        }

        private void rejectConnectionKeys(String field, List<String> problems) {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put("port", port);
            keys.put("auth", auth);
            keys.put("user", user);
            keys.put("credential", credential);
            keys.put("https", https);
            keys.put("tls", tls);
            keys.put("knownHosts", knownHosts);
            keys.put("shell", shell);
            keys.put("delegate", delegate);
            List<String> given = keys.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey)
                    .toList();
            if (!given.isEmpty()) {
                problems.add(field + "." + given.get(0) + ": a simulated host connects to nothing; remove "
                        + String.join(", ", given) + " or set transport to winrm or ssh");
            }
        }

        private Endpoint endpoint(String field, Transport kind, List<String> problems) {
            boolean winrm = kind == Transport.WINRM;
            Auth login = null;
            if (auth == null) {
                problems.add(field + ".auth: is missing; " + kind.word() + " takes " + String.join(", ", Auth.wordsFor(kind)));
            } else {
                login = Auth.fromWord(kind, auth);
                if (login == null) {
                    problems.add(field + ".auth: '" + auth + "' is not an auth scheme of " + kind.word() + "; use "
                            + String.join(", ", Auth.wordsFor(kind)));
                }
            }
            if (user == null || user.isBlank()) {
                problems.add(field + ".user: is missing; the account Ferry logs in as, e.g. CORP\\svc-ferry");
            }
            CredentialReference reference = null;
            if (credential == null) {
                problems.add(field + ".credential: is missing; write env:NAME (an environment variable) or"
                        + " file:/path (a file) that holds the " + (login == Auth.KEY ? "private key" : "password"));
            } else {
                reference = CredentialReference.parse(credential).orElse(null);
                if (reference == null) {
                    problems.add(field + ".credential: is not a reference; a secret never goes in this file."
                            + " Write env:NAME or file:/path, and put the secret there (and change it if this file was shared)");
                }
            }
            boolean secure = https == null || https;
            if (!winrm) {
                if (https != null) {
                    problems.add(field + ".https: only winrm hosts take https; ssh is always encrypted");
                }
                if (tls != null) {
                    problems.add(field + ".tls: only winrm hosts take tls; ssh hosts are checked against knownHosts");
                }
            } else {
                if (knownHosts != null || shell != null) {
                    problems.add(field + "." + (knownHosts != null ? "knownHosts" : "shell") + ": only ssh hosts take "
                            + "knownHosts and shell");
                }
                if (!secure && login == Auth.BASIC) {
                    problems.add(field + ".auth: basic over http would send the password in clear (and Windows"
                            + " refuses it); use https: true (port 5986) or auth: ntlm");
                }
                if (!secure && tls != null) {
                    problems.add(field + ".tls: tls settings apply to https only; remove them or set https: true");
                }
            }
            Endpoint.Tls trust = tls == null ? null : tls.toTls(field + ".tls", problems);
            if (port != null && (port < 1 || port > 65535)) {
                problems.add(field + ".port: " + port + " is not a TCP port (1-65535)");
            }
            int effectivePort = port != null ? port : winrm ? (secure ? 5986 : 5985) : 22;
            if (shell != null && !shell.equals("powershell.exe") && !shell.equals("pwsh")) {
                problems.add(field + ".shell: '" + shell + "' is not a PowerShell; use powershell.exe (Windows"
                        + " PowerShell 5.1, the default) or pwsh (PowerShell 7)");
            }
            if (Boolean.TRUE.equals(delegate) && !winrm) {
                problems.add(field + ".delegate: only winrm hosts with auth: kerberos delegate credentials; over ssh"
                        + " the login has no credentials to pass on (remove delegate)");
            } else if (Boolean.TRUE.equals(delegate) && login != null && login != Auth.KERBEROS) {
                problems.add(field + ".delegate: auth " + login.word() + " cannot delegate credentials to the host;"
                        + " use auth: kerberos with delegate: true, or remove delegate");
            }
            Path known = winrm ? null : Path.of(knownHosts == null ? DEFAULT_KNOWN_HOSTS : knownHosts);
            return new Endpoint(effectivePort, login, user, reference, winrm && secure, trust, known,
                    winrm ? null : shell == null ? "powershell.exe" : shell, Boolean.TRUE.equals(delegate));
        }
    }

    /** Where SSH host keys are looked up unless a host names another file. */
    static final String DEFAULT_KNOWN_HOSTS = "config/known_hosts";

    record TlsSpec(String thumbprint, String trustStore, String trustStorePassword, Boolean trustAll) {

        Endpoint.Tls toTls(String field, List<String> problems) {
            boolean all = trustAll != null && trustAll;
            if (all && (thumbprint != null || trustStore != null)) {
                problems.add(field + ".trustAll: cannot stand with thumbprint or trustStore; keep one way of"
                        + " trusting the certificate");
            }
            if (thumbprint != null && trustStore != null) {
                problems.add(field + ".thumbprint: cannot stand with trustStore; pin the thumbprint or name a"
                        + " trust store, not both");
            }
            String pin = thumbprint == null ? null : thumbprint.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT);
            if (pin != null && !pin.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
                problems.add(field + ".thumbprint: '" + thumbprint + "' is not a certificate thumbprint; copy the"
                        + " 40 hex digits Windows shows (Get-ChildItem Cert:\\LocalMachine\\My), or a SHA-256 of 64");
            }
            CredentialReference password = null;
            if (trustStorePassword != null) {
                password = CredentialReference.parse(trustStorePassword).orElse(null);
                if (password == null) {
                    problems.add(field + ".trustStorePassword: is not a reference; write env:NAME or file:/path");
                }
            }
            return new Endpoint.Tls(pin, trustStore == null ? null : Path.of(trustStore), password, all);
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
