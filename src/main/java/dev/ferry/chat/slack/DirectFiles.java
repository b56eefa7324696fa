package dev.ferry.chat.slack;

import dev.ferry.chat.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the files of a reply (an audit trail) to the person who asked, and only to them. An ephemeral message
 * cannot carry files and a channel would show them to everyone, so they go to the person's direct messages
 * with Ferry: conversations.open, then files.uploadV2 there, all files in one message.
 */
final class DirectFiles {

    private final SlackApi api;

    DirectFiles(SlackApi api) {
        this.api = api;
    }

    /**
     * Uploads the reply's attachments to {@code userId}'s direct messages with Ferry, and returns the reply to
     * show instead: its text, and a sentence saying where the files went or why they did not.
     */
    Reply handOver(Reply reply, String userId) {
        List<SlackApi.File> files = new ArrayList<>();
        List<Reply.Part> shown = new ArrayList<>();
        for (Reply.Part part : reply.parts()) {
            if (part instanceof Reply.Attachment file) {
                files.add(new SlackApi.File(file.filename(), file.filename(), file.content()));
            } else {
                shown.add(part);
            }
        }
        if (files.isEmpty()) {
            return reply;
        }
        SlackApi.Result direct = api.openDirect(userId);
        SlackApi.Result uploaded = !direct.ok() ? direct : direct.ts().isEmpty()
                ? new SlackApi.Result(null, "channel_not_found") : api.upload(direct.ts(), null, files, null);
        String names = String.join(" and ", files.stream().map(SlackApi.File::filename).toList());
        if (uploaded.ok()) {
            shown.add(new Reply.Text(names + " are in your direct messages with Ferry."));
            return new Reply(shown, true, reply.error());
        }
        shown.add(new Reply.Text("Slack did not take " + names + " (" + uploaded.error() + "); nothing is lost,"
                + " ask again in a moment."));
        return new Reply(shown, true, true);
    }
}
