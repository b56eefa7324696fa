package dev.ferry.connector.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of one NTLM context, written for the tests from MS-NLMP (sections 2.2.1, 3.3.2, 3.4.4,
 * 3.4.5) independently of the client: it sends a CHALLENGE with a target-info block as Windows does, checks
 * the NTLMv2 response of the AUTHENTICATE message against the password it knows, recovers the exported session
 * key, derives the four signing and sealing keys and seals and unseals WinRM messages the way a Windows
 * listener does. The client under test (winrm-java's NTLM and Ferry's framing) must interoperate with it.
 */
final class NtlmAcceptor {

    static final int UNICODE = 0x1;
    static final int REQUEST_TARGET = 0x4;
    static final int SIGN = 0x10;
    static final int SEAL = 0x20;
    static final int NTLM = 0x200;
    static final int ALWAYS_SIGN = 0x8000;
    static final int TARGET_TYPE_DOMAIN = 0x10000;
    static final int EXTENDED_SESSION_SECURITY = 0x80000;
    static final int TARGET_INFO = 0x800000;
    static final int VERSION = 0x2000000;
    static final int KEY_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int KEY_56 = 0x80000000;

    private static final int SUPPORTED = UNICODE | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN
            | EXTENDED_SESSION_SECURITY | VERSION | KEY_128 | KEY_EXCH | KEY_56;

    private final String user;
    private final String password;
    private final byte[] challenge = new byte[8];
    private int flags;
    private boolean authenticated;
    private byte[] clientSign;
    private byte[] serverSign;
    private Cipher clientSeal;
    private Cipher serverSeal;
    private int incoming;
    private int outgoing;
    private String authenticatedUser;

    NtlmAcceptor(String user, String password) {
        this.user = user;
        this.password = password;
        new SecureRandom().nextBytes(challenge);
    }

    boolean authenticated() {
        return authenticated;
    }

    String authenticatedUser() {
        return authenticatedUser;
    }

    /** @return the CHALLENGE for a NEGOTIATE message, base64 */
    String challenge(byte[] negotiate) {
        expect(negotiate, 1);
        int requested = ByteBuffer.wrap(negotiate, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        flags = (requested & SUPPORTED) | TARGET_INFO | TARGET_TYPE_DOMAIN | UNICODE;
        byte[] target = "FERRYTEST".getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        avPair(info, 2, "FERRYTEST");
        avPair(info, 1, "WINHOST");
        avPair(info, 4, "ferrytest.example");
        avPair(info, 3, "winhost.ferrytest.example");
        long filetime = (System.currentTimeMillis() + 11644473600000L) * 10000L;
        info.writeBytes(le16(7));
        info.writeBytes(le16(8));
        info.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(filetime).array());
        info.writeBytes(le16(0));
        info.writeBytes(le16(0));
        byte[] targetInfo = info.toByteArray();
        int header = 56;
        ByteBuffer out = ByteBuffer.allocate(header + target.length + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        out.putShort((short) target.length).putShort((short) target.length).putInt(header);
        out.putInt(flags).put(challenge).putLong(0);
        out.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(header + target.length);
        out.put(new byte[] {10, 0, 0x4f, 0x45, 0, 0, 0, 15}); // Windows 10.0 build 17743, NTLM revision 15
        out.put(target).put(targetInfo);
        return Base64.getEncoder().encodeToString(out.array());
    }

    /** Checks an AUTHENTICATE message; on success the context can seal and unseal. */
    boolean authenticate(byte[] message) throws Exception {
        expect(message, 3);
        byte[] nt = field(message, 20);
        String domain = new String(field(message, 28), StandardCharsets.UTF_16LE);
        String name = new String(field(message, 36), StandardCharsets.UTF_16LE);
        byte[] encryptedKey = field(message, 52);
        int negotiated = ByteBuffer.wrap(message, 60, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        String expectedName = user.contains("\\") ? user.substring(user.indexOf('\\') + 1) : user;
        if (!name.equalsIgnoreCase(expectedName) || nt.length <= 24) {
            return false; // an unknown user, or not NTLMv2
        }
        byte[] ntowf = hmac(Md4.digest(password.getBytes(StandardCharsets.UTF_16LE)),
                (name.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
        byte[] proof = Arrays.copyOf(nt, 16);
        byte[] blob = Arrays.copyOfRange(nt, 16, nt.length);
        if (!MessageDigest.isEqual(proof, hmac(ntowf, concat(challenge, blob)))) {
            return false;
        }
        byte[] sessionBaseKey = hmac(ntowf, proof);
        byte[] exported = sessionBaseKey;
        if ((negotiated & KEY_EXCH) != 0 && encryptedKey.length == 16) {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sessionBaseKey, "ARCFOUR"));
            exported = rc4.doFinal(encryptedKey);
        }
        flags = negotiated;
        clientSign = md5(exported, "session key to client-to-server signing key magic constant\0");
        serverSign = md5(exported, "session key to server-to-client signing key magic constant\0");
        clientSeal = rc4(md5(exported, "session key to client-to-server sealing key magic constant\0"));
        serverSeal = rc4(md5(exported, "session key to server-to-client sealing key magic constant\0"));
        authenticated = true;
        authenticatedUser = (domain.isEmpty() ? "" : domain + "\\") + name;
        return true;
    }

    /** Opens a sealed client message: RC4 with the client sealing key, signature checked. */
    synchronized byte[] unseal(byte[] signature, byte[] sealed) throws Exception {
        byte[] plain = clientSeal.update(sealed);
        byte[] checksum = clientSeal.update(Arrays.copyOfRange(signature, 4, 12));
        byte[] sequence = Arrays.copyOfRange(signature, 12, 16);
        if (ByteBuffer.wrap(sequence).order(ByteOrder.LITTLE_ENDIAN).getInt() != incoming++) {
            throw new SecurityException("out of sequence: got " + ByteBuffer.wrap(sequence).order(ByteOrder.LITTLE_ENDIAN).getInt() + " expected " + (incoming - 1));
        }
        byte[] expected = Arrays.copyOf(hmac(clientSign, concat(sequence, plain)), 8);
        if (signature[0] != 1 || !MessageDigest.isEqual(expected, checksum)) {
            throw new SecurityException("bad signature");
        }
        return plain;
    }

    /** @return {signature, sealed} */
    synchronized byte[][] seal(byte[] plain) throws Exception {
        byte[] sequence = le32(outgoing++);
        byte[] sealed = serverSeal.update(plain);
        byte[] checksum = serverSeal.update(Arrays.copyOf(hmac(serverSign, concat(sequence, plain)), 8));
        return new byte[][] {concat(new byte[] {1, 0, 0, 0}, checksum, sequence), sealed};
    }

    static int type(byte[] message) {
        return message.length < 12 ? -1 : ByteBuffer.wrap(message, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static void expect(byte[] message, int type) {
        if (!new String(message, 0, 8, StandardCharsets.US_ASCII).equals("NTLMSSP\0") || type(message) != type) {
            throw new IllegalArgumentException("not an NTLM message of type " + type);
        }
    }

    private static byte[] field(byte[] message, int at) {
        ByteBuffer b = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        int length = b.getShort(at) & 0xffff;
        int offset = b.getInt(at + 4);
        return Arrays.copyOfRange(message, offset, offset + length);
    }

    private static void avPair(ByteArrayOutputStream out, int id, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(le16(id));
        out.writeBytes(le16(bytes.length));
        out.writeBytes(bytes);
    }

    private static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8)};
    }

    private static byte[] le32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(data);
    }

    private static byte[] md5(byte[] key, String magic) throws Exception {
        return MessageDigest.getInstance("MD5").digest(concat(key, magic.getBytes(StandardCharsets.US_ASCII)));
    }

    private static Cipher rc4(byte[] key) throws Exception {
        Cipher cipher = Cipher.getInstance("ARCFOUR");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        return cipher;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** MD4 (RFC 1320), which the JDK does not offer as a public algorithm: NTLM's password hash needs it. */
    static final class Md4 {

        static byte[] digest(byte[] message) {
            int[] state = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
            int padded = ((message.length + 8) / 64 + 1) * 64;
            ByteBuffer buffer = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(message).put((byte) 0x80);
            buffer.putLong(padded - 8, (long) message.length * 8);
            int[] x = new int[16];
            for (int block = 0; block < padded; block += 64) {
                for (int i = 0; i < 16; i++) {
                    x[i] = buffer.getInt(block + i * 4);
                }
                int a = state[0], b = state[1], c = state[2], d = state[3];
                int[] r1 = {3, 7, 11, 19};
                for (int i = 0; i < 16; i++) {
                    int f = (b & c) | (~b & d);
                    int t = Integer.rotateLeft(a + f + x[i], r1[i % 4]);
                    a = d; d = c; c = b; b = t;
                }
                int[] r2 = {3, 5, 9, 13};
                int[] o2 = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
                for (int i = 0; i < 16; i++) {
                    int g = (b & c) | (b & d) | (c & d);
                    int t = Integer.rotateLeft(a + g + x[o2[i]] + 0x5a827999, r2[i % 4]);
                    a = d; d = c; c = b; b = t;
                }
                int[] r3 = {3, 9, 11, 15};
                int[] o3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
                for (int i = 0; i < 16; i++) {
                    int h = b ^ c ^ d;
                    int t = Integer.rotateLeft(a + h + x[o3[i]] + 0x6ed9eba1, r3[i % 4]);
                    a = d; d = c; c = b; b = t;
                }
                state[0] += a; state[1] += b; state[2] += c; state[3] += d;
            }
            ByteBuffer out = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (int s : state) {
                out.putInt(s);
            }
            return out.array();
        }
    }
}
