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
            GSSContext context = Subject.doAs(service, (PrivilegedExceptionAction<GSSContext>) () -> {
                GSSContext c = GSSManager.getInstance().createContext((GSSCredential) null);
                c.acceptSecContext(token, 0, token.length);
                return c;
            });
            return context.isEstablished() ? new Context(context) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** One established context: the client's name, and GSS wrap/unwrap for encrypted messages. */
    static final class Context {
        private final GSSContext context;

        Context(GSSContext context) {
            this.context = context;
        }

        String client() {
            try {
                return context.getSrcName().toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized byte[] unwrap(byte[] token) throws Exception {
            return context.unwrap(token, 0, token.length, new MessageProp(0, true));
        }

        synchronized byte[] wrap(byte[] plain) throws Exception {
            return context.wrap(plain, 0, plain.length, new MessageProp(0, true));
        }
    }
}
