package dev.ferry.connector.ssh;

import dev.ferry.connector.Auth;
import dev.ferry.connector.CommandResult;
import dev.ferry.connector.Connector;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.ConnectorException.Stage;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import dev.ferry.connector.OutputCollector;
import dev.ferry.connector.OutputListener;
import dev.ferry.connector.PowerShellScript;
import dev.ferry.connector.RemotePowerShell;
import dev.ferry.connector.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Runs scripts through OpenSSH on Windows (or any host with PowerShell and an SSH server), with Apache MINA
 * SSHD: the host key must be in the host's known-hosts file, the login is a password or a private key, and
 * the script goes as {@code -EncodedCommand}, or through standard input when it is longer than a command line
 * may be. Output is streamed line by line; a timeout closes the channel, which ends the remote command.
 */
public final class SshConnector implements Connector, AutoCloseable {

    static final int COMMAND_LINE_LIMIT = 8191;
    private static final AttributeRepository.AttributeKey<Path> KNOWN_HOSTS = new AttributeRepository.AttributeKey<>();
    /** Why the host key was refused; in the connection context, which outlives the closed session. */
    private static final AttributeRepository.AttributeKey<AtomicReference<String>> REJECTED =
            new AttributeRepository.AttributeKey<>();

    private final SshSettings settings;
    private final SshClient client;
    private final Map<Path, KnownHosts> knownHosts = new ConcurrentHashMap<>();

    public SshConnector(SshSettings settings) {
        this.settings = settings;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, address, key) -> knownHosts
                .computeIfAbsent(session.getConnectionContext().getAttribute(KNOWN_HOSTS), KnownHosts::new)
                .verifyServerKey(session, address, key));
        client.start();
    }

    @Override
    public Transport transport() {
        return Transport.SSH;
    }

    @Override
    public void close() throws IOException {
        client.stop();
    }

    @Override
    public CommandResult execute(Host host, String secret, PowerShellScript script, Duration timeout,
                                 OutputListener output) throws InterruptedException {
        long start = System.nanoTime();
        Endpoint endpoint = host.requireEndpoint();
        String describe = "ssh host " + host.name() + " (" + host.address() + ":" + endpoint.port() + ", "
                + endpoint.auth().word() + " as " + endpoint.user() + ")";
        ClientSession session = connect(host, endpoint, describe);
        try {
            login(session, endpoint, secret, describe);
            String encoded = RemotePowerShell.encode(RemotePowerShell.wrap(host, script));
            String direct = RemotePowerShell.commandLine(endpoint.shell(), encoded);
            boolean viaStdin = direct.length() > COMMAND_LINE_LIMIT;
            String commandLine = viaStdin ? RemotePowerShell.commandLine(endpoint.shell(), RemotePowerShell.encode(STDIN_LOADER))
                    : direct;
            OutputCollector collected = new OutputCollector(output);
            try (ChannelExec channel = session.createExecChannel(commandLine)) {
                channel.setOut(sink(collected, false));
                channel.setErr(sink(collected, true));
                if (viaStdin) {
                    channel.setIn(new ByteArrayInputStream((encoded + "\n").getBytes(StandardCharsets.US_ASCII)));
                }
                channel.open().verify(settings.connectTimeout());
                long remaining = timeout.toMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis();
                Collection<ClientChannelEvent> events = channel.waitFor(
                        EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), Math.max(1, remaining));
                if (Thread.interrupted()) {
                    channel.close(true);
                    throw new InterruptedException();
                }
                if (events.contains(ClientChannelEvent.TIMEOUT)) {
                    channel.close(true);
                    collected.finish();
                    return CommandResult.timedOut(collected.stdoutText(), collected.stderrText(), since(start));
                }
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), settings.connectTimeout().toMillis());
                collected.finish();
                Integer exit = channel.getExitStatus();
                if (exit == null) {
                    throw new ConnectorException(Stage.RUN, describe + ": the connection was lost before the command"
                            + " ended (no exit status); the script may still be running on the host: check it before"
                            + " you Retry", null);
                }
                return new CommandResult(exit, collected.stdoutText(), collected.stderrText(), false, since(start));
            }
        } catch (IOException e) {
            throw new ConnectorException(Stage.RUN, describe + ": the connection was lost (" + e.getMessage() + ")", null);
        } finally {
            session.close(true);
        }
    }

    /** Reads the script as base64 from standard input: for scripts longer than a command line. */
    static final String STDIN_LOADER = "$ProgressPreference = 'SilentlyContinue'\n"
            + "$b = [Console]::In.ReadToEnd() -replace '\\s', ''\n"
            + "& ([ScriptBlock]::Create([Text.Encoding]::Unicode.GetString([Convert]::FromBase64String($b))))\n"
            + "exit $LASTEXITCODE\n";

    private ClientSession connect(Host host, Endpoint endpoint, String describe) {
        try {
            return client.connect(endpoint.user(), host.address(), endpoint.port(), AttributeRepository.ofAttributesMap(
                            Map.of(KNOWN_HOSTS, endpoint.knownHosts().toAbsolutePath(), REJECTED, new AtomicReference<String>())))
                    .verify(settings.connectTimeout()).getSession();
        } catch (IOException e) {
            if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
                throw new ConnectorException(Stage.CONNECT, describe + ": the address " + host.address()
                        + " does not resolve (DNS); check the address in config/hosts.yml", null);
            }
            if (has(e, ConnectException.class)) {
                throw new ConnectorException(Stage.CONNECT, describe + ": the connection was refused: nothing listens"
                        + " on " + host.address() + ":" + endpoint.port() + " (is OpenSSH Server running? connectors/windows/"
                        + " in this project sets it up)", null);
            }
            throw new ConnectorException(Stage.CONNECT, describe + ": no connection (" + e.getMessage() + ")", null);
        }
    }

    private void login(ClientSession session, Endpoint endpoint, String secret, String describe) throws IOException {
        if (endpoint.auth() == Auth.PASSWORD) {
            session.addPasswordIdentity(secret);
        } else {
            try {
                Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(session,
                        NamedResource.ofName(endpoint.credential().toString()),
                        new ByteArrayInputStream(secret.getBytes(StandardCharsets.UTF_8)), FilePasswordProvider.EMPTY);
                if (keys == null || !keys.iterator().hasNext()) {
                    throw new ConnectorException(Stage.LOGIN, describe + ": the credential " + endpoint.credential()
                            + " holds no private key", null);
                }
                keys.forEach(session::addPublicKeyIdentity);
            } catch (java.security.GeneralSecurityException | IOException e) {
                throw new ConnectorException(Stage.LOGIN, describe + ": the private key of " + endpoint.credential()
                        + " cannot be read: " + (e instanceof IOException io ? io.getMessage() == null
                                ? "the file could not be read" : "the file could not be read (" + io.getMessage() + ")"
                                : "it is not a key Ferry understands")
                        + "; Ferry takes an OpenSSH or PEM key without passphrase", null);
            }
        }
        try {
            session.auth().verify(settings.connectTimeout());
        } catch (IOException e) {
            String rejected = session.getConnectionContext().getAttribute(REJECTED).get();
            if (rejected != null) {
                throw new ConnectorException(Stage.CONNECT, describe + ": " + rejected, null);
            }
            if (!session.isOpen() && session.getServerKey() == null) {
                throw new ConnectorException(Stage.CONNECT, describe + ": the connection closed before the login ("
                        + e.getMessage() + ")", null);
            }
            throw new ConnectorException(Stage.LOGIN, describe + ": the login was refused for user " + endpoint.user()
                    + " with auth " + endpoint.auth().word() + "; check the account and its "
                    + (endpoint.auth() == Auth.KEY ? "key (authorized_keys on the host)" : "password")
                    + " (" + endpoint.credential() + ")", null);
        }
    }

    private static OutputStream sink(OutputCollector collected, boolean error) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (error) {
                    collected.stderr(bytes, offset, length);
                } else {
                    collected.stdout(bytes, offset, length);
                }
            }
        };
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Known-hosts checking that refuses unknown and changed keys, saying which line to add. */
    private static final class KnownHosts extends KnownHostsServerKeyVerifier {

        private final Path file;

        KnownHosts(Path file) {
            super(RejectAllServerKeyVerifier.INSTANCE, file);
            this.file = file;
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            session.getConnectionContext().getAttribute(REJECTED).set("the host key is not in " + file + ", so the connection was refused."
                    + " The host offered " + KeyUtils.getKeyType(serverKey) + " " + KeyUtils.getFingerPrint(serverKey)
                    + ". Check that fingerprint on the host (ssh-keygen -lf C:\\ProgramData\\ssh\\" + hostKeyFile(serverKey) + "),"
                    + " then add this line to " + file + ": " + line(session, serverKey));
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remoteAddress, KnownHostEntry entry,
                                               PublicKey expected, PublicKey actual) {
            session.getConnectionContext().getAttribute(REJECTED).set("the host key CHANGED: " + file + " has " + KeyUtils.getFingerPrint(expected)
                    + " but the host offered " + KeyUtils.getFingerPrint(actual) + ". Someone may be in between;"
                    + " if the host was reinstalled, replace its line in " + file + " with: " + line(session, actual));
            return false;
        }

        private static String hostKeyFile(PublicKey key) {
            String type = KeyUtils.getKeyType(key);
            String kind = type.contains("ed25519") ? "ed25519" : type.startsWith("ecdsa") ? "ecdsa" : "rsa";
            return "ssh_host_" + kind + "_key.pub";
        }

        private static String line(ClientSession session, PublicKey key) {
            SocketAddress address = session.getConnectAddress();
            String name = address instanceof java.net.InetSocketAddress inet
                    ? (inet.getPort() == 22 ? inet.getHostString() : "[" + inet.getHostString() + "]:" + inet.getPort())
                    : String.valueOf(address);
            return name + " " + PublicKeyEntry.toString(key);
        }
    }
}
