package dev.ferry.procedure;

/**
 * What a person typed, as an error message quotes it: in single quotes, on one line, and short. Newlines,
 * tabs and other control or invisible characters (zero-width, direction overrides, a broken UTF-16 half) are
 * written visibly as {@code \n}, {@code \t}, <code>&#92;u0007</code> (a space other than the plain one too, so a
 * no-break space does not pass for one); a long value is cut after {@value #LIMIT}
 * characters and its full length named: {@code 'aaaa…' (100000 characters)}. Backslashes stay as typed, so
 * a Windows path reads as itself.
 */
public final class QuotedInput {

    /** How many characters (code points, escapes counted as written) of a value an error shows at most. */
    public static final int LIMIT = 60;

    private QuotedInput() {
    }

    /** {@code value} quoted for an error message: bounded, escaped, with its length when cut. */
    public static String of(String value) {
        StringBuilder shown = new StringBuilder(Math.min(value.length(), LIMIT) + 2);
        int characters = 0;
        boolean cut = false;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            String written = written(codePoint);
            int width = written.codePointCount(0, written.length());
            if (characters + width > LIMIT) {
                cut = true;
                break;
            }
            shown.append(written);
            characters += width;
            i += Character.charCount(codePoint);
        }
        if (!cut) {
            return "'" + shown + "'";
        }
        int length = value.codePointCount(0, value.length());
        return "'" + shown + "…' (" + length + " characters)";
    }

    /** Whether {@link #of} shows {@code value} exactly as it is, only quoted: nothing escaped, nothing cut. */
    public static boolean isPlain(String value) {
        return of(value).equals("'" + value + "'");
    }

    private static String written(int codePoint) {
        return switch (codePoint) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> invisible(codePoint) ? escaped(codePoint) : Character.toString(codePoint);
        };
    }

    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.SPACE_SEPARATOR && codePoint != ' ');
    }

    private static String escaped(int codePoint) {
        StringBuilder out = new StringBuilder();
        for (char c : Character.toChars(codePoint)) {
            out.append(String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }
}
