package dev.ferry.connector.winrm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of an encrypted WinRM message over HTTP (MS-WSMV 2.2.9.1): a MIME multipart with the original
 * content's type and length, then an octet stream of the security header's length (32-bit little-endian),
 * the header (NTLM: the 16-byte signature; Kerberos: the wrap token's header) and the encrypted SOAP.
 */
record EncryptedMessage(byte[] header, byte[] data, int originalLength) {

    private static final byte[] BOUNDARY = "--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OCTETS = "\tContent-Type: application/octet-stream\r\n".getBytes(StandardCharsets.US_ASCII);

    static String contentType(String protocol) {
        return "multipart/encrypted;protocol=\"" + protocol + "\";boundary=\"Encrypted Boundary\"";
    }

    byte[] body(String protocol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + data.length + 256);
        out.writeBytes(BOUNDARY);
        out.writeBytes(("\tContent-Type: " + protocol + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(("\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + originalLength + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOUNDARY);
        out.writeBytes(OCTETS);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(END);
        return out.toByteArray();
    }

    /**
     * @throws SecurityException when {@code body} is not an encrypted message
     */
    static EncryptedMessage parse(byte[] body) {
        int start = indexOf(body, OCTETS, 0);
        int end = lastIndexOf(body, END);
        if (start < 0 || end < 0) {
            throw new SecurityException("the message is not an encrypted WinRM message");
        }
        String head = new String(body, 0, start, StandardCharsets.US_ASCII);
        int at = head.indexOf("Length=");
        int original = -1;
        if (at >= 0) {
            int stop = at + 7;
            while (stop < head.length() && Character.isDigit(head.charAt(stop))) {
                stop++;
            }
            original = Integer.parseInt(head.substring(at + 7, stop));
        }
        ByteBuffer part = ByteBuffer.wrap(body, start + OCTETS.length, end - start - OCTETS.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = part.getInt();
        if (headerLength < 0 || headerLength > part.remaining()) {
            throw new SecurityException("the encrypted message's header length " + headerLength + " does not fit");
        }
        byte[] header = new byte[headerLength];
        part.get(header);
        byte[] data = new byte[part.remaining()];
        part.get(data);
        return new EncryptedMessage(header, data, original);
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }
}
