package dev.ferry.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesUploadV2Request;
import com.slack.api.model.Usergroup;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.ferry.chat.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Web API calls Ferry makes, all with the bot token (never a response URL: it expires). A failed call is
 * logged with the method and Slack's error, never a token or a message's text, and answered with empty: the
 * run's state is committed, and {@code /migrate resume} posts it again.
 */
class SlackApi {

    private static final Logger log = LoggerFactory.getLogger(SlackApi.class);

    private final MethodsClient client;

    SlackApi(MethodsClient client) {
        this.client = client;
    }

    /** A result of a call: its ts (or other id) when it worked, else Slack's error word. */
    record Result(String ts, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Posts a message in {@code channel}, in the thread of {@code threadTs} when not null; its ts, or the error. */
    Result post(String channel, String threadTs, String text, List<LayoutBlock> blocks) {
        return call("chat.postMessage", () -> client.chatPostMessage(r -> r.channel(channel).threadTs(threadTs)
                .text(text).blocks(blocks).unfurlLinks(false).unfurlMedia(false)), r -> r.getTs());
    }

    Result update(String channel, String ts, String text, List<LayoutBlock> blocks) {
        return call("chat.update", () -> client.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocks(blocks)),
                r -> r.getTs());
    }

    /** A message only {@code user} sees, in the thread of {@code threadTs} when not null. */
    Result postEphemeral(String channel, String user, String threadTs, String text, List<LayoutBlock> blocks) {
        return call("chat.postEphemeral", () -> client.chatPostEphemeral(r -> r.channel(channel).user(user)
                .threadTs(threadTs).text(text).blocks(blocks)), r -> r.getMessageTs());
    }

    /** Tells {@code user} a reply privately, in the thread of {@code threadTs} when not null. */
    Result tell(String channel, String user, String threadTs, Reply reply) {
        return postEphemeral(channel, user, threadTs, ReplyBlocks.text(reply), ReplyBlocks.blocks(reply));
    }

    Result openView(String triggerId, View view) {
        return call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)),
                r -> r.getView() == null ? "" : r.getView().getId());
    }

    /** Uploads {@code content} as a file in the thread (files.uploadV2: get an upload URL, upload, complete). */
    Result upload(String channel, String threadTs, String filename, String title, String content) {
        return upload(channel, threadTs, List.of(new File(filename, title, content)), null);
    }

    /** A file to upload: its name, the title Slack shows, its text. */
    record File(String filename, String title, String content) {
    }

    /** Uploads {@code files} as one message in {@code channel}, with {@code comment} as its text when not null. */
    Result upload(String channel, String threadTs, List<File> files, String comment) {
        List<FilesUploadV2Request.UploadFile> uploads = files.stream().map(f -> FilesUploadV2Request.UploadFile.builder()
                .filename(f.filename()).title(f.title()).content(f.content()).build()).toList();
        return call("files.uploadV2", () -> client.filesUploadV2(r -> r.channel(channel).threadTs(threadTs)
                .uploadFiles(uploads).initialComment(comment).requestFileInfo(false)),
                r -> r.getFiles() == null || r.getFiles().isEmpty() ? "" : r.getFiles().get(0).getId());
    }

    /** Opens (or finds) the direct-message conversation of Ferry and {@code user}; its channel id, or the error. */
    Result openDirect(String user) {
        return call("conversations.open", () -> client.conversationsOpen(r -> r.users(List.of(user))),
                r -> r.getChannel() == null ? null : r.getChannel().getId());
    }

    /** The workspace's user groups with their members (usergroups.list, include_users), or empty if Slack refused. */
    Optional<List<Usergroup>> userGroups() {
        return Optional.ofNullable(ask("usergroups.list", () -> client.usergroupsList(r -> r.includeUsers(true)))
                .response()).map(r -> r.getUsergroups() == null ? List.<Usergroup>of() : r.getUsergroups());
    }

    @FunctionalInterface
    private interface Call<R> {
        R make() throws IOException, SlackApiException;
    }

    @FunctionalInterface
    private interface Id<R> {
        String of(R response);
    }

    private <R extends SlackApiTextResponse> Result call(String method, Call<R> call, Id<R> id) {
        Answer<R> answer = ask(method, call);
        return answer.response() == null ? new Result(null, answer.error())
                : new Result(Optional.ofNullable(id.of(answer.response())).orElse(""), null);
    }

    /** Slack's response when it said ok, else the error word. */
    private record Answer<R>(R response, String error) {
    }

    /** Makes a call; a failure is logged with the method and Slack's error, never a token or a message's text. */
    private <R extends SlackApiTextResponse> Answer<R> ask(String method, Call<R> call) {
        try {
            R response = call.make();
            if (response.isOk()) {
                return new Answer<>(response, null);
            }
            log.warn("Slack refused {}: {}{}", method, response.getError(),
                    response.getNeeded() == null ? "" : " (the app needs scope " + response.getNeeded() + ")");
            return new Answer<>(null, response.getError());
        } catch (IOException | SlackApiException e) {
            // SlackApiException's message holds the status line, not the request: safe to log.
            log.warn("Slack's {} could not be called: {}", method, e.getMessage());
            return new Answer<>(null, e instanceof SlackApiException api && api.getError() != null
                    ? api.getError().getError() : "unreachable");
        } catch (RuntimeException e) {
            log.warn("Slack's {} failed inside the client: {}", method, e.toString());
            return new Answer<>(null, "client_error");
        }
    }
}
