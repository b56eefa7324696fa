package dev.ferry.connector;

import dev.ferry.connector.PreflightReport.Check;
import dev.ferry.connector.PreflightReport.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, from a session on a host, the second hop a step needs: binding to the domain (what every Exchange
 * 2007 cmdlet does) and reading another host's administrative share C$. A session whose login cannot be
 * delegated reaches the host but no further, so these fail where a plain preflight passes. The scripts
 * run on Windows PowerShell 1.0 (trap, no try/catch) and read only; the peer's address reaches them as the
 * bound variable {@code $ferryPeer}, never as text of the script.
 */
public final class SecondHopCheck {

    /** Every answer line of the second-hop scripts starts with this. */
    public static final String MARKER = "FERRY-SECOND-HOP";
    public static final String DOMAIN = "active-directory";
    public static final String SHARE = "share";
    /** The bound variable that carries the peer's address into the share script. */
    public static final String PEER_VARIABLE = "ferryPeer";

    static final String DOMAIN_SCRIPT = """
            # Ferry second-hop check: binds to the domain from this session; reads only.
            & {
              trap { Write-Output ('FERRY-SECOND-HOP active-directory failed: ' + $_.Exception.Message); continue }
              $rootDse = [ADSI]'LDAP://RootDSE'
              $context = [string]$rootDse.defaultNamingContext
              if ($context) {
                Write-Output ('FERRY-SECOND-HOP active-directory ok ' + $context)
              } else {
                Write-Output 'FERRY-SECOND-HOP active-directory failed: RootDSE gave no defaultNamingContext'
              }
            }
            """;

    static final String SHARE_SCRIPT = """
            # Ferry second-hop check: reads the peer's administrative share C$ from this session; reads only.
            & {
              trap { Write-Output ('FERRY-SECOND-HOP share failed: ' + $_.Exception.Message); continue }
              $share = '\\\\' + $ferryPeer + '\\C$'
              if (Test-Path -LiteralPath $share) {
                Write-Output ('FERRY-SECOND-HOP share ok ' + $share)
              } else {
                Write-Output ('FERRY-SECOND-HOP share failed: Test-Path found no ' + $share)
              }
            }
            """;

    private final Connectors connectors;
    private final Duration timeout;

    public SecondHopCheck(Connectors connectors, Duration timeout) {
        this.connectors = connectors;
        this.timeout = timeout;
    }

    /** Binds to the domain from a session on {@code host}. */
    public Check domain(Host host) throws InterruptedException {
        String name = "second hop: Active Directory";
        Optional<String> answer = answer(host, PowerShellScript.of(DOMAIN_SCRIPT), DOMAIN);
        if (answer.isPresent() && answer.get().startsWith("ok ")) {
            return new Check(name, Status.PASSED, "bound to " + answer.get().substring(3).strip());
        }
        return new Check(name, Status.FAILED, host.name() + " could not bind to the domain ("
                + answer.map(SecondHopCheck::reason).orElse("no answer") + "); " + fix(host));
    }

    /** Reads {@code \\<peer address>\C$} from a session on {@code host}. */
    public Check share(Host host, Host peer) throws InterruptedException {
        String name = "second hop: share of " + peer.name();
        PowerShellScript script = PowerShellScript.builder(SHARE_SCRIPT).string(PEER_VARIABLE, peer.address()).build();
        Optional<String> answer = answer(host, script, SHARE);
        String share = "\\\\" + peer.address() + "\\C$";
        if (answer.isPresent() && answer.get().startsWith("ok")) {
            return new Check(name, Status.PASSED, host.name() + " reads " + share);
        }
        return new Check(name, Status.FAILED, host.name() + " could not read " + share + " ("
                + answer.map(SecondHopCheck::reason).orElse("no answer") + "); " + fix(host));
    }

    /** The first answer line for {@code key}, or the connector's failure as the answer. */
    private Optional<String> answer(Host host, PowerShellScript script, String key) throws InterruptedException {
        CommandResult result;
        try {
            result = connectors.execute(host, script, timeout, OutputListener.NONE);
        } catch (ConnectorException e) {
            return Optional.of("failed: " + e.getMessage());
        }
        if (result.timedOut()) {
            return Optional.of("failed: no answer within " + timeout.toSeconds() + " s");
        }
        String prefix = MARKER + " " + key + " ";
        return result.stdout().lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).findFirst();
    }

    private static String reason(String answer) {
        String plain = answer.replaceFirst("^failed:\\s*", "").replaceAll("\\p{Cntrl}", " ").strip();
        return plain.length() <= 160 ? plain : plain.substring(0, 159) + "…";
    }

    /** Which {@code auth} would carry the login one hop further, given the host's current one. */
    public static String fix(Host host) {
        Endpoint endpoint = host.endpoint();
        if (endpoint == null) {
            return "this simulated host scripts the failure in config/hosts.yml (simulate: match "
                    + MARKER + "); a real host would need auth: kerberos with delegate: true or auth: credssp,"
                    + " see docs/hosts-and-connectors.md";
        }
        String current = "auth: " + endpoint.auth().word();
        if (endpoint.auth() == Auth.BASIC) {
            return "with " + current + " the server holds the password and can make the second hop itself, so this"
                    + " is not delegation: check that " + endpoint.user() + " may read it and that it is reachable"
                    + " from " + host.name();
        }
        return "the session (" + current + ") has no credentials for the next hop: use auth: kerberos with"
                + " delegate: true (the host's computer account trusted for delegation) or auth: credssp;"
                + " see docs/hosts-and-connectors.md";
    }

    /** Every check a host's steps need, given the peers whose C$ they read. */
    public List<Check> all(Host host, boolean domain, List<Host> peers) throws InterruptedException {
        List<Check> out = new ArrayList<>();
        if (domain) {
            out.add(domain(host));
        }
        for (Host peer : peers) {
            out.add(share(host, peer));
        }
        return out;
    }
}
