package dev.ferry.connector.winrm;

import com.sun.security.jgss.ExtendedGSSContext;
import java.nio.ByteBuffer;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * A Kerberos security context with the WinRM service {@code HTTP/<address>}, from the JDK's own Kerberos (JAAS
 * Krb5LoginModule and GSS-API): the realm and KDC come from the JDK's krb5 configuration
 * ({@code -Djava.security.krb5.conf} or {@code /etc/krb5.conf}). Over HTTP it also seals messages for WinRM's
 * Kerberos message encryption: a GSS wrap token (RFC 4121) whose trailer is rotated into its header
 * (RRC 28, as Windows writes them for AES), split into the 60-byte header and the encrypted SOAP.
 *
 * <p>With delegation, the AP-REQ carries a forwarded TGT (RFC 4121 4.1.1, KRB-CRED in the authenticator's checksum)
 * so that the host's session can reach Active Directory and other hosts' shares as the user. The context asks for
 * it with the JDK's delegation <em>policy</em> ({@link ExtendedGSSContext#requestDelegPolicy}) rather than
 * {@link GSSContext#requestCredDeleg}: the TGT is then sent only to a service the KDC marks ok-as-delegate, which an
 * Active Directory KDC does for the SPNs of an account trusted for delegation, as Windows' own clients decide. An
 * unconditional request would hand the user's TGT to any host whose name resolves to a listener, and a host the
 * domain does not trust for delegation is exactly the one to refuse. When no TGT goes out, the login fails with
 * what to change ({@link DelegationRefused}); it is never retried without delegation.
 */
final class KerberosLogin implements Sealing {

    static final String PROTOCOL = "application/HTTP-Kerberos-session-encrypted";
    static final String CONTENT_TYPE = EncryptedMessage.contentType(PROTOCOL);

    private static final String KRB5 = "1.2.840.113554.1.2.2";
    /** RFC 4121 token header: TOK_ID 05 04, flags, filler, EC (2), RRC (2), sequence number (8). */
    private static final int HEADER = 16;
    private static final int EC = 4;
    private static final int RRC = 6;
    /** What Windows rotates for AES: the encrypted copy of the header (16) and the HMAC-SHA1-96 (12). */
    private static final int ROTATION = 28;

    private final GSSContext context;
    private final Subject subject;
    private final byte[] firstToken;

    private KerberosLogin(GSSContext context, Subject subject, byte[] firstToken) {
        this.context = context;
        this.subject = subject;
        this.firstToken = firstToken;
    }

    /**
     * Logs in as {@code user} and starts a context with {@code HTTP/<address>}; encryption needs mutual auth. With
     * {@code delegate} the first token carries the user's forwarded TGT.
     *
     * @throws DelegationRefused with {@code delegate}, when the JDK would send no TGT: the TGT is not forwardable, or
     *                           the service is not ok-as-delegate; nothing has been sent to the host then
     */
    static KerberosLogin start(String user, String password, String address, boolean encrypt, boolean delegate)
            throws LoginException, GSSException, DelegationRefused {
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
        Subject subject = login.getSubject();
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<KerberosLogin>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName service = manager.createName("HTTP@" + address, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context = manager.createContext(service, new Oid(KRB5), null, GSSContext.DEFAULT_LIFETIME);
                context.requestMutualAuth(encrypt);
                context.requestConf(encrypt);
                context.requestInteg(encrypt);
                if (delegate) {
                    ((ExtendedGSSContext) context).requestDelegPolicy(true);
                }
                byte[] token = context.initSecContext(new byte[0], 0, 0);
                if (delegate && !context.getCredDelegState()) {
                    context.dispose();
                    throw new DelegationRefused(refusal(subject, principal, address));
                }
                return new KerberosLogin(context, subject, token);
            });
        } catch (java.security.PrivilegedActionException e) {
            if (e.getException() instanceof GSSException gss) {
                throw gss;
            }
            if (e.getException() instanceof DelegationRefused refused) {
                throw refused;
            }
            throw new LoginException(e.getException().getMessage());
        }
    }

    /**
     * Why the JDK sent no TGT, and what to change. It sends one when the TGT is forwardable and the service ticket
     * has ok-as-delegate, so a forwardable TGT means the service's ticket lacked the flag.
     */
    private static String refusal(Subject subject, String principal, String address) {
        boolean forwardable = subject.getPrivateCredentials(KerberosTicket.class).stream()
                .filter(t -> t.getServer().getName().startsWith("krbtgt/"))
                .anyMatch(KerberosTicket::isForwardable);
        String account = principal.contains("@") ? principal.substring(0, principal.indexOf('@')) : principal;
        if (!forwardable) {
            return "delegate: true, but the ticket-granting ticket of " + principal + " is not forwardable, so no"
                    + " credentials can be delegated to HTTP/" + address + ": set forwardable = true under [libdefaults]"
                    + " in the JDK's krb5 configuration, and in Active Directory clear \"Account is sensitive and"
                    + " cannot be delegated\" on " + account + " (it must not be in Protected Users either);"
                    + " nothing was sent to the host";
        }
        return "delegate: true, but the domain does not trust HTTP/" + address + " for delegation (its ticket has no"
                + " ok-as-delegate flag), so Ferry delegates no credentials to it: in Active Directory, on the account"
                + " that holds that SPN (the host's computer account; setspn -Q HTTP/" + address + " names it),"
                + " Delegation tab, choose \"Trust this computer for delegation to any service (Kerberos only)\";"
                + " nothing was sent to the host";
    }

    /** A login with {@code delegate: true} that could not delegate; the message says what to change. */
    static final class DelegationRefused extends Exception {
        DelegationRefused(String message) {
            super(message);
        }
    }

    /** The value of the {@code Authorization} header: {@code Kerberos <base64 AP-REQ>}. */
    String authorization() {
        return "Kerberos " + Base64.getEncoder().encodeToString(firstToken);
    }

    /** Takes the service's answer ({@code WWW-Authenticate: Kerberos <AP-REP>}), which mutual auth needs. */
    void complete(String answer) throws GSSException {
        if (context.isEstablished() || answer == null || !answer.regionMatches(true, 0, "Kerberos ", 0, 9)) {
            return;
        }
        byte[] token = Base64.getDecoder().decode(answer.substring(9).trim());
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<byte[]>) () -> context.initSecContext(token, 0, token.length));
        } catch (java.security.PrivilegedActionException e) {
            throw (GSSException) e.getException();
        }
    }

    boolean established() {
        return context.isEstablished();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    /** The multipart body that carries {@code soap}, encrypted. */
    @Override
    public byte[] seal(byte[] soap) throws GSSException {
        byte[] token;
        synchronized (context) {
            token = context.wrap(soap, 0, soap.length, new MessageProp(0, true));
        }
        int ec = ((token[EC] & 0xff) << 8) | (token[EC + 1] & 0xff);
        int rrc = ((token[RRC] & 0xff) << 8) | (token[RRC + 1] & 0xff);
        if (token[0] != 0x05 || token[1] != 0x04 || ec != 0 || rrc != 0) {
            throw new GSSException(GSSException.BAD_MECH, 0, "the session's Kerberos encryption type is not AES"
                    + " (RFC 4121 token with no padding); WinRM message encryption needs AES here, or use https");
        }
        byte[] rest = Arrays.copyOfRange(token, HEADER, token.length);
        byte[] rotated = rotateRight(rest, ROTATION);
        byte[] header = Arrays.copyOf(token, HEADER);
        header[RRC] = 0;
        header[RRC + 1] = ROTATION;
        int headerLength = rotated.length - soap.length;
        byte[] fullHeader = ByteBuffer.allocate(HEADER + headerLength).put(header)
                .put(rotated, 0, headerLength).array();
        byte[] data = Arrays.copyOfRange(rotated, headerLength, rotated.length);
        return new EncryptedMessage(fullHeader, data, soap.length).body(PROTOCOL);
    }

    /** The SOAP inside an encrypted answer; any rotation the service used is undone first. */
    @Override
    public byte[] unseal(byte[] body) throws GSSException {
        EncryptedMessage message = EncryptedMessage.parse(body);
        byte[] token = ByteBuffer.allocate(message.header().length + message.data().length).put(message.header())
                .put(message.data()).array();
        if (token.length < HEADER || token[0] != 0x05 || token[1] != 0x04) {
            throw new GSSException(GSSException.DEFECTIVE_TOKEN, 0, "the answer is not an RFC 4121 wrap token");
        }
        int rrc = ((token[RRC] & 0xff) << 8) | (token[RRC + 1] & 0xff);
        if (rrc != 0) {
            byte[] rest = rotateLeft(Arrays.copyOfRange(token, HEADER, token.length), rrc);
            System.arraycopy(rest, 0, token, HEADER, rest.length);
            token[RRC] = 0;
            token[RRC + 1] = 0;
        }
        synchronized (context) {
            return context.unwrap(token, 0, token.length, new MessageProp(0, true));
        }
    }

    static byte[] rotateRight(byte[] data, int by) {
        int n = by % data.length;
        byte[] out = new byte[data.length];
        System.arraycopy(data, data.length - n, out, 0, n);
        System.arraycopy(data, 0, out, n, data.length - n);
        return out;
    }

    static byte[] rotateLeft(byte[] data, int by) {
        return rotateRight(data, data.length - by % data.length);
    }
}
