package dev.ferry.connector.winrm;

import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * A Kerberos ticket for the WinRM service {@code HTTP/<address>}, from the JDK's own Kerberos (JAAS
 * Krb5LoginModule and GSS-API): the realm and KDC come from the JDK's krb5 configuration
 * ({@code -Djava.security.krb5.conf} or {@code /etc/krb5.conf}). Used over HTTPS only: message encryption
 * with Kerberos over HTTP is not implemented, and the inventory refuses that combination.
 */
final class KerberosLogin {

    private static final String KRB5 = "1.2.840.113554.1.2.2";

    private KerberosLogin() {
    }

    /** The value of the {@code Authorization} header: {@code Kerberos <base64 AP-REQ>}. */
    static String authorization(String user, String password, String address) throws LoginException, GSSException {
        Configuration config = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "com.sun.security.auth.module.Krb5LoginModule",
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("useTicketCache", "false", "doNotPrompt", "false", "storeKey", "false",
                                "refreshKrb5Config", "true"))};
            }
        };
        String principal = user.contains("\\") ? user.substring(user.indexOf('\\') + 1) : user;
        LoginContext login = new LoginContext("ferry-winrm", null, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(principal);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }, config);
        login.login();
        try {
            Subject subject = login.getSubject();
            byte[] token = Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName service = manager.createName("HTTP@" + address, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context = manager.createContext(service, new Oid(KRB5), null, GSSContext.DEFAULT_LIFETIME);
                try {
                    context.requestMutualAuth(false);
                    return context.initSecContext(new byte[0], 0, 0);
                } finally {
                    context.dispose();
                }
            });
            return "Kerberos " + Base64.getEncoder().encodeToString(token);
        } catch (java.security.PrivilegedActionException e) {
            if (e.getException() instanceof GSSException gss) {
                throw gss;
            }
            throw new LoginException(e.getException().getMessage());
        } finally {
            login.logout();
        }
    }
}
