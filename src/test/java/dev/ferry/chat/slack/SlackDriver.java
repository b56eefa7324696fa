package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person in Slack, as the HTTP tests play them: types commands, reads the run's messages from the fake Web
 * API, and presses their buttons, all through signed requests.
 */
final class SlackDriver {

    private static final Pattern RUN_ID = Pattern.compile("Started run (R\\d+)");

    private final SignedRequests requests;
    private final FakeSlackApi slack;
    private final Duration wait;

    SlackDriver(SignedRequests requests, FakeSlackApi slack, Duration wait) {
        this.requests = requests;
        this.slack = slack;
        this.wait = wait;
    }

    /** Starts a run and returns its id. */
    String start(String user, String channel, String text) {
        JsonNode answer = answer(user, channel, text);
        Matcher matcher = RUN_ID.matcher(answer.path("text").asText());
        assertThat(matcher.find()).as("a started run in %s", answer).isTrue();
        return matcher.group(1);
    }

    /**
     * The answer to a command that changes something: acknowledged at once with nothing to show, answered a
     * moment later through the command's response URL.
     */
    JsonNode answer(String user, String channel, String text) {
        String url = slack.responseUrl("t" + System.nanoTime());
        SignedRequests.Answer ack = requests.command(user, channel, text, url);
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty();
        return slack.await("respond", c -> url.equals(c.param("response_url")), wait).json(null);
    }

    /** The first message of a run's step, found by the step's title. */
    FakeSlackApi.Call stepMessage(String run, String title) {
        return slack.await("chat.postMessage", c -> c.param("text") != null && c.param("text").startsWith(run + " · step ")
                && c.param("text").contains(title), wait);
    }

    /** Presses {@code actionId} on {@code message} (as posted or as last edited) in the message's thread. */
    void press(String user, FakeSlackApi.Call message, String actionId) {
        String value = buttons(message).stream().filter(b -> b.startsWith(actionId + "=")).findFirst()
                .map(b -> b.substring(actionId.length() + 1)).orElseThrow(() -> new AssertionError(
                        "no button " + actionId + " in " + message.param("blocks")));
        assertThat(requests.press(user, message.param("channel"), threadOf(message), message.ts(), actionId, value)
                .statusCode()).isEqualTo(200);
    }

    /** The thread a message is in: an edit does not say, the post that made the message does. */
    String threadOf(FakeSlackApi.Call message) {
        if (message.param("thread_ts") != null) {
            return message.param("thread_ts");
        }
        return slack.calls("chat.postMessage").stream().filter(c -> message.ts().equals(c.ts())).findFirst()
                .map(c -> c.param("thread_ts")).orElse(null);
    }

    /** "action_id=value" of each button of a message. */
    static List<String> buttons(FakeSlackApi.Call message) {
        List<String> out = new ArrayList<>();
        for (JsonNode block : message.json("blocks")) {
            if (block.path("type").asText().equals("actions")) {
                block.path("elements").forEach(e -> out.add(e.path("action_id").asText() + "=" + e.path("value").asText()));
            }
        }
        return out;
    }
}
