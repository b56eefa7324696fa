package dev.ferry.connector;

/** How Ferry reaches a host. */
public enum Transport {
    WINRM("winrm"),
    SSH("ssh"),
    SIMULATED("simulated");

    private final String word;

    Transport(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    static Transport fromWord(String word) {
        for (Transport transport : values()) {
            if (transport.word.equals(word)) {
                return transport;
            }
        }
        return null;
    }
}
