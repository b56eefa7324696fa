package dev.ferry.bench;

import dev.ferry.connector.Auth;
import dev.ferry.connector.CommandResult;
import dev.ferry.connector.CredentialReference;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.FakePowerShell;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.Transport;
import dev.ferry.connector.winrm.FakeWinRmHost;
import dev.ferry.connector.winrm.RemoteShell;
import dev.ferry.connector.winrm.TestCertificate;
import dev.ferry.connector.winrm.WinRmConnector;
import dev.ferry.connector.winrm.WinRmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The WinRM connector against the loopback WS-Management server: HTTP round trips and latency per command on a
 * reused shell, and one script fanned out to 50 WinRM hosts with bounded concurrency. Not a test: run it with
 * {@code ./mvnw -Pbench verify}. The loopback server answers at once, so these figures are Ferry's own cost
 * (XML, TLS, NTLM sealing, HTTP) plus the server's; a real host adds its network and PowerShell start-up.
 */
public final class WinRmBenchmark {

    private static final String PASSWORD = "Bench-Pa55";
    private static final int COMMANDS = 300;
    private static final int WARM_UP = 200;
    private static final int HOSTS = 50;
    /** 16 is ferry.engine.workers' default: how many steps run at once. */
    private static final int[] CONCURRENCY = {16, 50};
    private static final int ROUNDS = 5;

    private WinRmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createTempDirectory("ferry-winrm-bench");
        TestCertificate certificate = TestCertificate.create(directory);
        WinRmConnector connector = new WinRmConnector(WinRmSettings.defaults());
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));

        try (FakeWinRmHost https = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
             FakeWinRmHost http = FakeWinRmHost.http(FakeWinRmHost.Login.NTLM, PASSWORD)) {
            perCommand("HTTPS + Basic", connector, host("bench-https", https.port(), true, Auth.BASIC,
                    trust(certificate)));
            perCommand("HTTP + NTLM with message encryption", connector, host("bench-ntlm", http.port(), false,
                    Auth.NTLM, null));
        }
        fanOut(connector, certificate);
    }

    private static void perCommand(String what, WinRmConnector connector, Host host) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<Integer> trips = new ArrayList<>();
        PowerShellScript script = PowerShellScript.of("Write-Output 'Get-Service MailStoreSPE'");
        try (RemoteShell shell = connector.open(host)) {
            for (int i = 0; i < WARM_UP + COMMANDS; i++) {
                int before = shell.roundTrips();
                long start = System.nanoTime();
                CommandResult result = shell.run(script, Duration.ofSeconds(30), OutputListener.NONE);
                long elapsed = System.nanoTime() - start;
                if (!result.succeeded()) {
                    throw new IllegalStateException("a command failed: " + result);
                }
                if (i >= WARM_UP) {
                    millis.add(elapsed / 1e6);
                    trips.add(shell.roundTrips() - before);
                }
            }
        }
        Collections.sort(millis);
        Collections.sort(trips);
        System.out.printf("%s, one shell reused for %d commands (after %d warm-up):%n"
                        + "  latency per command: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms%n"
                        + "  HTTP round trips per command: median %d (Command + Receive until Done), mean %.2f%n",
                what, COMMANDS, WARM_UP, median(millis), millis.get(millis.size() * 9 / 10), millis.get(0),
                millis.get(millis.size() - 1), trips.get(trips.size() / 2),
                trips.stream().mapToInt(Integer::intValue).average().orElse(0));
    }

    /** One script to 50 hosts, each answering after its own delay (100 ms to 590 ms), 16 and 50 at a time. */
    private static void fanOut(WinRmConnector connector, TestCertificate certificate) throws Exception {
        List<FakeWinRmHost> servers = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                FakeWinRmHost server = FakeWinRmHost.https(certificate.serverContext(), FakeWinRmHost.Login.BASIC, PASSWORD);
                long delay = 100 + 10L * i;
                server.behaviour(script -> {
                    List<FakePowerShell.Event> events = new ArrayList<>();
                    events.add(new FakePowerShell.Pause(delay));
                    events.addAll(FakePowerShell.interpret(script));
                    return events;
                });
                servers.add(server);
                hosts.add(host("spe-" + i, server.port(), true, Auth.BASIC, trust(certificate)));
            }
            PowerShellScript script = PowerShellScript.of("Write-Output 'MailStoreSPEInstanceHost Running'");
            for (int concurrency : CONCURRENCY) {
                List<double[]> rounds = new ArrayList<>();
                for (int round = 0; round <= ROUNDS; round++) {
                    double[] measured = fanOutOnce(connector, hosts, script, concurrency);
                    if (round > 0) {
                        rounds.add(measured); // round 0 warms up
                    }
                }
                rounds.sort((a, b) -> Double.compare(a[0], b[0]));
                double[] median = rounds.get(rounds.size() / 2);
                System.out.printf("fan-out of one script to %d WinRM hosts (an HTTPS endpoint each, host delays"
                                + " 100-590 ms), %d at a time, median of %d: total %.0f ms, slowest host %.0f ms"
                                + " (total/slowest %.2f), sum over hosts %.0f ms, lower bound max(slowest, sum/%d) %.0f ms;"
                                + " totals seen %.0f-%.0f ms%n",
                        HOSTS, concurrency, ROUNDS, median[0], median[1], median[0] / median[1], median[2], concurrency,
                        Math.max(median[1], median[2] / concurrency), rounds.get(0)[0], rounds.get(rounds.size() - 1)[0]);
            }
        } finally {
            servers.forEach(FakeWinRmHost::close);
        }
    }

    /** @return {total, slowest host, sum over hosts}, in milliseconds */
    private static double[] fanOutOnce(WinRmConnector connector, List<Host> hosts, PowerShellScript script,
                                       int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            long start = System.nanoTime();
            List<Future<Double>> each = new ArrayList<>();
            for (Host host : hosts) {
                each.add(pool.submit(() -> {
                    long began = System.nanoTime();
                    CommandResult result = connector.execute(host, script, Duration.ofSeconds(60), OutputListener.NONE);
                    if (!result.succeeded()) {
                        throw new IllegalStateException(host.name() + ": " + result);
                    }
                    return (System.nanoTime() - began) / 1e6;
                }));
            }
            double slowest = 0;
            double sum = 0;
            for (Future<Double> future : each) {
                double d = future.get();
                slowest = Math.max(slowest, d);
                sum += d;
            }
            return new double[] {(System.nanoTime() - start) / 1e6, slowest, sum};
        } finally {
            pool.shutdown();
        }
    }

    private static Endpoint.Tls trust(TestCertificate certificate) {
        return new Endpoint.Tls(null, certificate.trustStore(), CredentialReference.parse("env:T",
                Map.of("T", TestCertificate.PASSWORD)).orElseThrow(), false);
    }

    private static Host host(String name, int port, boolean https, Auth auth, Endpoint.Tls tls) {
        return new Host(name, "127.0.0.1", Transport.WINRM, "benchmark", null, List.of(), new Endpoint(port, auth,
                FakeWinRmHost.USER, CredentialReference.parse("env:P", Map.of("P", PASSWORD)).orElseThrow(), https,
                tls, null, null));
    }

    private static double median(List<Double> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
