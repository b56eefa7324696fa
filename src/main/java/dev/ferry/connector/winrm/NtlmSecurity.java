package dev.ferry.connector.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.apache.http.Header;
import org.apache.http.HttpRequest;
import org.apache.http.auth.AuthenticationException;
import org.apache.http.auth.MalformedChallengeException;
import org.apache.http.message.BasicHeader;
import org.apache.http.message.BasicHttpRequest;
import org.metricshub.winrm.service.client.auth.ntlm.NTCredentialsWithEncryption;
import org.metricshub.winrm.service.client.auth.ntlm.NtlmMasqAsSpnegoScheme;
import org.metricshub.winrm.service.client.encryption.EncryptionUtils;

/**
 * One NTLM security context with a WinRM listener: the handshake (negotiate, challenge, authenticate, sent as
 * {@code Authorization: Negotiate} as Windows expects) and, over plain HTTP, the WinRM message encryption of
 * MS-WSMV 2.2.9.1 with the context's sealing keys. The NTLM messages, the NTLMv2 response, the session-key
 * exchange, the derived signing and sealing keys and the RC4 states come from winrm-java; the MIME framing and
 * the signature layout of MS-NLMP 3.4.4.2 (HMAC-MD5 over sequence number and message, first 8 bytes sealed
 * with the same RC4 state right after the message) are here.
 */
final class NtlmSecurity implements Sealing {

    static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    static final String CONTENT_TYPE = EncryptedMessage.contentType(PROTOCOL);

    private final NtlmMasqAsSpnegoScheme scheme = new NtlmMasqAsSpnegoScheme();
    private final NTCredentialsWithEncryption credentials;
    private final HttpRequest request = new BasicHttpRequest("POST", "/wsman");

    /** @param user {@code DOMAIN\name}, {@code name@domain} or a local {@code name} */
    NtlmSecurity(String user, String password) {
        String domain = "";
        String name = user;
        int slash = user.indexOf('\\');
        int at = user.indexOf('@');
        if (slash >= 0) {
            domain = user.substring(0, slash);
            name = user.substring(slash + 1);
        } else if (at >= 0) {
            name = user.substring(0, at);
            domain = user.substring(at + 1);
        }
        this.credentials = new NTCredentialsWithEncryption(name, password, "FERRY", domain);
    }

    /** The value of the first {@code Authorization} header. */
    String negotiate() throws AuthenticationException {
        try {
            scheme.processChallenge(new BasicHeader("WWW-Authenticate", "Negotiate"));
        } catch (MalformedChallengeException e) {
            throw new AuthenticationException(e.getMessage(), e);
        }
        return scheme.authenticate(credentials, request).getValue();
    }

    /** @param challenge the server's {@code WWW-Authenticate} value, {@code Negotiate <base64>} */
    String authenticate(String challenge) throws AuthenticationException {
        try {
            scheme.processChallenge(new BasicHeader("WWW-Authenticate", challenge));
        } catch (MalformedChallengeException e) {
            throw new AuthenticationException("the server's NTLM challenge cannot be read: " + e.getMessage(), e);
        }
        Header header = scheme.authenticate(credentials, request);
        return header.getValue();
    }

    boolean complete() {
        return credentials.isAuthenticated();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    /** The multipart body that carries {@code soap}, sealed. */
    @Override
    public byte[] seal(byte[] soap) {
        synchronized (credentials) {
            // winrm-java starts its sequence counters at -1: the first message carries 0.
            long sequence = credentials.getSequenceNumberOutgoing().incrementAndGet();
            Cipher rc4 = credentials.getStatefulEncryptor();
            byte[] sealed = rc4.update(soap);
            byte[] checksum = Arrays.copyOf(EncryptionUtils.hmacMd5(credentials.getClientSigningKey(),
                    concat(le32(sequence), soap)), 8);
            byte[] signature = concat(new byte[] {1, 0, 0, 0}, rc4.update(checksum), le32(sequence));
            return new EncryptedMessage(signature, sealed, soap.length).body(PROTOCOL);
        }
    }

    /**
     * The SOAP message inside a sealed multipart body.
     *
     * @throws SecurityException when the body is not sealed, or its signature does not verify
     */
    @Override
    public byte[] unseal(byte[] body) {
        EncryptedMessage message = EncryptedMessage.parse(body);
        byte[] signature = message.header();
        if (signature.length != 16) {
            throw new SecurityException("the encrypted answer has a signature of " + signature.length + " bytes, not 16");
        }
        synchronized (credentials) {
            Cipher rc4 = credentials.getStatefulDecryptor();
            byte[] soap = rc4.update(message.data());
            byte[] checksum = rc4.update(Arrays.copyOfRange(signature, 4, 12));
            long expected = credentials.getSequenceNumberIncoming().incrementAndGet();
            byte[] sequence = Arrays.copyOfRange(signature, 12, 16);
            byte[] mac = Arrays.copyOf(EncryptionUtils.hmacMd5(credentials.getServerSigningKey(), concat(sequence, soap)), 8);
            if (!Arrays.equals(sequence, le32(expected)) || !MessageDigest.isEqual(mac, checksum)) {
                throw new SecurityException("the encrypted answer's signature does not verify");
            }
            return soap;
        }
    }

    private static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
