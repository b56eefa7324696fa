package dev.ferry.connector.winrm;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.MessageProp;

/**
 * The service side of Kerberos for the fake WinRM listener: the JDK's GSS-API acceptor, logged in from the
 * keytab of HTTP/&lt;host&gt; that the test's KDC exported, as a Windows host's machine account would be.
 */
final class KerberosAcceptor {

    private final Subject service;

    KerberosAcceptor(Path keytab, String principal) throws Exception {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("useKeyTab", "true", "keyTab", keytab.toString(), "principal", principal,
                                "storeKey", "true", "isInitiator", "false", "doNotPrompt", "true",
                                "refreshKrb5Config", "true"))};
            }
        };
        LoginContext login = new LoginContext("fake-winrm", new Subject(), null, config);
        login.login();
        this.service = login.getSubject();
    }

    /** @return the established context, or null when the token is refused */
    Context accept(byte[] token) {
        try {
            byte[][] reply = new byte[1][];
            GSSContext context = Subject.doAs(service, (PrivilegedExceptionAction<GSSContext>) () -> {
                GSSContext c = GSSManager.getInstance().createContext((GSSCredential) null);
                reply[0] = c.acceptSecContext(token, 0, token.length);
                return c;
            });
            return context.isEstablished() ? new Context(context, reply[0]) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** One established context: the client's name, and GSS wrap/unwrap for encrypted messages. */
    static final class Context {
        private final GSSContext context;
        private final byte[] reply;

        Context(GSSContext context, byte[] reply) {
            this.context = context;
            this.reply = reply;
        }

        /** The AP-REP for mutual authentication, or null. */
        byte[] reply() {
            return reply;
        }

        String client() {
            try {
                return context.getSrcName().toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Unwraps a token as the JDK reads RFC 4121, rotated (RRC) or not. */
        synchronized byte[] unwrap(byte[] token) throws Exception {
            return context.unwrap(token, 0, token.length, new MessageProp(0, true));
        }

        /**
         * Wraps an answer the way a Windows listener does for AES: the last 28 bytes (encrypted header copy and
         * checksum) rotated to the front, RRC set to 28; split into the header and the encrypted SOAP.
         *
         * @return {header, data}
         */
        synchronized byte[][] wrapLikeWindows(byte[] plain) throws Exception {
            byte[] token = context.wrap(plain, 0, plain.length, new MessageProp(0, true));
            int body = token.length - 16;
            byte[] rotated = new byte[token.length];
            System.arraycopy(token, 0, rotated, 0, 16);
            System.arraycopy(token, 16 + body - 28, rotated, 16, 28);
            System.arraycopy(token, 16, rotated, 16 + 28, body - 28);
            rotated[6] = 0;
            rotated[7] = 28;
            int headerLength = rotated.length - plain.length;
            return new byte[][] {java.util.Arrays.copyOf(rotated, headerLength),
                    java.util.Arrays.copyOfRange(rotated, headerLength, rotated.length)};
        }
    }
}
