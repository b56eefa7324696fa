package dev.ferry.connector.ssh;

import dev.ferry.connector.FakePowerShell;
import dev.ferry.connector.FakePowerShell.Drop;
import dev.ferry.connector.FakePowerShell.Event;
import dev.ferry.connector.FakePowerShell.Exit;
import dev.ferry.connector.FakePowerShell.Hang;
import dev.ferry.connector.FakePowerShell.Out;
import dev.ferry.connector.FakePowerShell.Pause;
import dev.ferry.connector.RemotePowerShell;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An in-process SSH server on 127.0.0.1 (Apache MINA SSHD) with a fixed host key, a user with a password and
 * an authorized key, and for "shell" a command that decodes {@code -EncodedCommand} (reading the script from
 * standard input when the command line carries the stdin loader) and answers as {@link FakePowerShell} says.
 */
public final class FakeSshHost implements AutoCloseable {

    public static final String USER = "svc-ferry";
    public static final String PASSWORD = "Ssh-Winter2024!";

    final KeyPair hostKey;
    final KeyPair userKey;
    private final SshServer server;
    private final List<String> commandLines = new CopyOnWriteArrayList<>();
    private final List<String> scripts = new CopyOnWriteArrayList<>();
    public final CountDownLatch destroyed = new CountDownLatch(1);

    public FakeSshHost() throws Exception {
        hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        userKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, userKey.getPublic()));
        server.setCommandFactory((channel, command) -> new PowerShellCommand(command));
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    List<String> commandLines() {
        return List.copyOf(commandLines);
    }

    List<String> scripts() {
        return List.copyOf(scripts);
    }

    /** A known_hosts file with this host's key, as ssh-keyscan would write it for a port other than 22. */
    public Path knownHosts(Path directory) throws IOException {
        return Files.writeString(directory.resolve("known_hosts"),
                "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
    }

    /** The user's private key in OpenSSH format, as ssh-keygen writes it. */
    Path privateKey(Path directory) throws Exception {
        Path file = directory.resolve("id_ferry");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "ferry", null, out);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private final class PowerShellCommand implements Command, Runnable {
        private final String line;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private ChannelSession channel;
        private volatile boolean stopped;
        private Thread thread;

        PowerShellCommand(String line) {
            this.line = line;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            this.channel = channel;
            thread = new Thread(this, "fake-powershell");
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            stopped = true;
            destroyed.countDown();
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public void run() {
            try {
                commandLines.add(line);
                Matcher m = Pattern.compile("(powershell\\.exe|pwsh) -NoProfile -NonInteractive -EncodedCommand (\\S+)")
                        .matcher(line);
                if (!m.matches()) {
                    err.write(("'" + line + "' is not recognized\r\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                    exit.onExit(1);
                    return;
                }
                String script = RemotePowerShell.decode(m.group(2));
                if (script.contains("[Console]::In.ReadToEnd()")) {
                    script = RemotePowerShell.decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                            .replaceAll("\\s", ""));
                }
                scripts.add(script);
                for (Event event : FakePowerShell.interpret(script, PASSWORD)) {
                    if (stopped) {
                        return;
                    }
                    if (event instanceof Out o) {
                        OutputStream target = o.stderr() ? err : out;
                        target.write(o.text().getBytes(StandardCharsets.UTF_8));
                        target.flush();
                    } else if (event instanceof Pause p) {
                        Thread.sleep(p.millis());
                    } else if (event instanceof Hang) {
                        while (!stopped) {
                            Thread.sleep(20);
                        }
                        return;
                    } else if (event instanceof Drop) {
                        channel.getSession().close(true);
                        return;
                    } else if (event instanceof Exit e) {
                        exit.onExit(e.code());
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                if (!stopped) {
                    exit.onExit(255, e.getMessage());
                }
            }
        }
    }
}
