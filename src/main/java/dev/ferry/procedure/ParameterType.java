package dev.ferry.procedure;

import java.util.Locale;
import java.util.regex.Pattern;

/** The types a procedure parameter may have. Each knows its own rule, stated for people. */
public enum ParameterType {
    HOST("host", "a host of the inventory (config/hosts.yml, see /migrate hosts)"),
    HOSTNAME("hostname", "an RFC 1123 host name: labels of letters, digits and hyphens, 1-63 characters each,"
            + " not starting or ending with a hyphen, 253 characters at most"),
    WINDOWS_PATH("windows-path", "an absolute Windows path such as C:\\Data or \\\\server\\share\\dir,"
            + " without < > \" | ? * or control characters"),
    STRING("string", "text"),
    LIST("list", "a comma-separated list of values"),
    BOOLEAN("boolean", "true or false"),
    ENUM("enum", "one of the listed values"),
    SECRET("secret", "a secret value; it is never shown or stored");

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** A drive-letter path or a UNC path; no part may hold a character Windows forbids in names. */
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile(
            "(?:[A-Za-z]:\\\\|\\\\\\\\[^\\\\<>\"|?*:/\\p{Cntrl}]+\\\\[^\\\\<>\"|?*:/\\p{Cntrl}]+)"
                    + "(?:[^<>\"|?*\\p{Cntrl}]*)");

    private final String word;
    private final String rule;

    ParameterType(String word, String rule) {
        this.word = word;
        this.rule = rule;
    }

    public String word() {
        return word;
    }

    /** The rule a value must satisfy, in words. */
    public String rule() {
        return rule;
    }

    static ParameterType fromWord(String word) {
        for (ParameterType type : values()) {
            if (type.word.equals(word)) {
                return type;
            }
        }
        return null;
    }

    static boolean isHostname(String value) {
        if (value.isEmpty() || value.length() > 253) {
            return false;
        }
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    static boolean isWindowsPath(String value) {
        return WINDOWS_ABSOLUTE.matcher(value).matches();
    }

    static String normalizeBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> "true";
            case "false", "no" -> "false";
            default -> null;
        };
    }
}
