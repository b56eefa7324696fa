package dev.ferry.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code /migrate help}, {@code list} and {@code show <procedure>}: what Ferry can do, read from the catalog. */
final class CatalogCommands {

    private final CatalogReplies replies;
    private final String help;

    CatalogCommands(CatalogReplies replies) {
        this.replies = replies;
        this.help = readHelp();
    }

    Reply handle(Command.OnCatalog command) {
        if (command instanceof Command.Show show) {
            return replies.show(show.procedure());
        }
        if (command instanceof Command.ListProcedures) {
            return replies.list();
        }
        return new Reply.Builder().code("text", help).build(true);
    }

    private static String readHelp() {
        try (InputStream in = CatalogCommands.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
