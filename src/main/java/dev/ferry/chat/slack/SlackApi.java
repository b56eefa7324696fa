package dev.ferry.chat.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
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

    Result openView(String triggerId, View view) {
        return call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view)),
                r -> r.getView() == null ? "" : r.getView().getId());
    }

    /** Uploads {@code content} as a file in the thread (files.uploadV2: get an upload URL, upload, complete). */
    Result upload(String channel, String threadTs, String filename, String title, String content) {
        return call("files.uploadV2", () -> client.filesUploadV2(r -> r.channel(channel).threadTs(threadTs)
                .filename(filename).title(title).content(content).requestFileInfo(false)),
                r -> r.getFile() == null ? "" : r.getFile().getId());
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
        try {
            R response = call.make();
            if (response.isOk()) {
                return new Result(Optional.ofNullable(id.of(response)).orElse(""), null);
            }
            log.warn("Slack refused {}: {}{}", method, response.getError(),
                    response.getNeeded() == null ? "" : " (the app needs scope " + response.getNeeded() + ")");
            return new Result(null, response.getError());
        } catch (IOException | SlackApiException e) {
            // SlackApiException's message holds the status line, not the request: safe to log.
            log.warn("Slack's {} could not be called: {}", method, e.getMessage());
            return new Result(null, e instanceof SlackApiException api && api.getError() != null
                    ? api.getError().getError() : "unreachable");
        } catch (RuntimeException e) {
            log.warn("Slack's {} failed inside the client: {}", method, e.toString());
            return new Result(null, "client_error");
        }
    }
}
