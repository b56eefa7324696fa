package dev.ferry.connector.winrm;

import java.nio.ByteBuffer;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
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
import org.ietf.jgss.MessageProp;
import org.ietf.jgss.Oid;

/**
 * A Kerberos security context with the WinRM service {@code HTTP/<address>}, from the JDK's own Kerberos (JAAS
 * Krb5LoginModule and GSS-API): the realm and KDC come from the JDK's krb5 configuration
 * ({@code -Djava.security.krb5.conf} or {@code /etc/krb5.conf}). Over HTTP it also seals messages for WinRM's
 * Kerberos message encryption: a GSS wrap token (RFC 4121) whose trailer is rotated into its header
 * (RRC 28, as Windows writes them for AES), split into the 60-byte header and the encrypted SOAP.
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

    /** Logs in as {@code user} and starts a context with {@code HTTP/<address>}; encryption needs mutual auth. */
    static KerberosLogin start(String user, String password, String address, boolean encrypt)
            throws LoginException, GSSException {
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
                byte[] token = context.initSecContext(new byte[0], 0, 0);
                return new KerberosLogin(context, subject, token);
            });
        } catch (java.security.PrivilegedActionException e) {
            if (e.getException() instanceof GSSException gss) {
                throw gss;
            }
            throw new LoginException(e.getException().getMessage());
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
