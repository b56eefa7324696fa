package dev.ferry.chat;

import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import java.util.Comparator;

/** "Did you mean …?" for a procedure id that is not in the catalog. */
final class ProcedureSuggestions {

    private final ProcedureCatalog catalog;

    ProcedureSuggestions(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    /** " Did you mean x?" when a procedure id is close to {@code id}, otherwise empty. */
    String didYouMean(String id) {
        return catalog.all().stream().map(Procedure::id)
                .min(Comparator.comparingInt(candidate -> distance(candidate, id)))
                .filter(best -> distance(best, id) <= Math.max(3, id.length() / 3))
                .map(best -> " Did you mean " + best + "?").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
