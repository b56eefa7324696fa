package dev.ferry.chat.discord;

import dev.ferry.chat.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * The files a {@link Reply} hands over ({@link Reply.Attachment}, e.g. a run's audit trail) as Discord uploads.
 * A bot may upload 10 MiB ({@link Message#MAX_FILE_SIZE}) to a message in any server (boosted servers allow more; the smallest
 * holds everywhere). A file that does not fit in what is left of that is attached gzipped (an audit trail shrinks
 * about tenfold); one too large even then is left out, with a sentence saying so and where to get it instead.
 */
final class ReplyFiles {

    static final long LIMIT = Message.MAX_FILE_SIZE;

    /** What to attach, and a sentence for each file that was compressed or left out. */
    record Uploads(List<FileUpload> files, List<String> notes) {
    }

    private ReplyFiles() {
    }

    static Uploads of(Reply reply, long limit) {
        List<FileUpload> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long left = limit;
        for (Reply.Part part : reply.parts()) {
            if (!(part instanceof Reply.Attachment attachment)) {
                continue;
            }
            byte[] bytes = attachment.content().getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= left) {
                files.add(FileUpload.fromData(bytes, attachment.filename()));
                left -= bytes.length;
                continue;
            }
            byte[] gzipped = gzip(bytes);
            String name = attachment.filename() + ".gz";
            if (gzipped.length <= left) {
                files.add(FileUpload.fromData(gzipped, name));
                left -= gzipped.length;
                notes.add(attachment.filename() + " (" + size(bytes.length) + ") does not fit in what Discord takes"
                        + " in one message (" + size(limit) + " in all), so it is attached gzipped as " + name + ".");
            } else {
                notes.add(attachment.filename() + " is too large for Discord even gzipped (" + size(gzipped.length)
                        + "; a message takes " + size(limit) + "), so it is not attached. Whoever runs Ferry can"
                        + " save it with the same command on Ferry's console.");
            }
        }
        return new Uploads(files, notes);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // a stream in memory does not fail
        }
        return out.toByteArray();
    }

    private static String size(long bytes) {
        if (bytes < 1 << 10) {
            return bytes + " bytes";
        }
        return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
