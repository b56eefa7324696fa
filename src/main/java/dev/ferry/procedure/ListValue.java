package dev.ferry.procedure;

import java.util.Arrays;
import java.util.List;

/** The one way a {@code list} parameter's text is split into items. */
public final class ListValue {

    private ListValue() {
    }

    public static List<String> split(String raw) {
        return Arrays.stream(raw.split(",", -1)).map(String::strip).toList();
    }
}
