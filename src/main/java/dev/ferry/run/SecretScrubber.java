package dev.ferry.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every known secret value in text before it is shown or stored. */
final class SecretScrubber {

    static final String MASK = "********";

    private final List<String> secrets;

    SecretScrubber(Collection<String> secrets) {
        // Longest first, so that a secret containing another is masked whole.
        this.secrets = secrets.stream().filter(s -> !s.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
