package dev.ferry.connector.winrm;

import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * The service side of Kerberos for the fake WinRM listener: the JDK's GSS-API acceptor, logged in from the
 * keytab of HTTP/&lt;host&gt; that the test's KDC exported, as a Windows host's machine account would be. Like a
 * Windows host's session, it keeps a credential the client delegated (the forwarded TGT in the AP-REQ), which a
 * test can use for a second hop.
 */
final class KerberosAcceptor {

    private final Subject service;
    private final List<Context> accepted = new CopyOnWriteArrayList<>();

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
            if (!context.isEstablished()) {
                return null;
            }
            Context established = new Context(context, reply[0]);
            accepted.add(established);
            return established;
        } catch (Exception e) {
            return null;
        }
    }

    /** The contexts established so far, oldest first. */
    List<Context> accepted() {
        return List.copyOf(accepted);
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

        /**
         * The credential the client delegated: present only when the AP-REQ said so (GSS_C_DELEG_FLAG) and carried
         * the KRB-CRED, which the JDK decrypted with the session key.
         *
         * @return null when nothing was delegated
         */
        GSSCredential delegated() {
            try {
                return context.getCredDelegState() ? context.getDelegCred() : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * The second hop: with the delegated credential only (no keytab, no password), asks the KDC for a ticket
         * to {@code service} (e.g. {@code HTTP@127.0.0.1}) and returns the first token for it, as the host's
         * session would to reach a domain controller or a share.
         */
        byte[] secondHop(String service) throws Exception {
            GSSCredential delegated = delegated();
            if (delegated == null) {
                throw new IllegalStateException("the client delegated no credential");
            }
            GSSManager manager = GSSManager.getInstance();
            GSSContext next = manager.createContext(manager.createName(service, GSSName.NT_HOSTBASED_SERVICE),
                    new Oid("1.2.840.113554.1.2.2"), delegated, GSSContext.DEFAULT_LIFETIME);
            try {
                return next.initSecContext(new byte[0], 0, 0);
            } finally {
                next.dispose();
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
