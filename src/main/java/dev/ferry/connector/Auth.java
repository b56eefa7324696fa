package dev.ferry.connector;

import java.util.Arrays;
import java.util.List;

/** How Ferry logs in to a host; each transport takes some of these. */
public enum Auth {
    BASIC("basic", Transport.WINRM),
    NTLM("ntlm", Transport.WINRM),
    KERBEROS("kerberos", Transport.WINRM),
    KEY("key", Transport.SSH),
    PASSWORD("password", Transport.SSH);

    private final String word;
    private final Transport transport;

    Auth(String word, Transport transport) {
        this.word = word;
        this.transport = transport;
    }

    public String word() {
        return word;
    }

    static List<String> wordsFor(Transport transport) {
        return Arrays.stream(values()).filter(a -> a.transport == transport).map(Auth::word).toList();
    }

    static Auth fromWord(Transport transport, String word) {
        return Arrays.stream(values()).filter(a -> a.transport == transport && a.word.equals(word)).findFirst()
                .orElse(null);
    }
}
