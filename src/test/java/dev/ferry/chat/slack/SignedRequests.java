package dev.ferry.chat.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Requests as Slack sends them to {@code /slack/events}: form-encoded slash commands and interaction payloads,
 * signed with the signing secret the way Slack signs (v0, HMAC-SHA256 of "v0:timestamp:body").
 */
public final class SignedRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String secret;
    private final FakeSlackApi slack;
    /** One count for every test's requests: a trigger id is new each time, as Slack's are, so none is a repeat. */
    private static final AtomicLong triggers = new AtomicLong();

    public SignedRequests(URI endpoint, String secret, FakeSlackApi slack) {
        this.endpoint = endpoint;
        this.secret = secret;
        this.slack = slack;
    }

    /** {@code /migrate <text>} typed by {@code user} in {@code channel}. */
    public Answer command(String user, String channel, String text) {
        return send(commandBody(user, channel, text), now(), null);
    }

    /** A command whose answer, if it comes later, goes to {@code responseUrl}. */
    public Answer command(String user, String channel, String text, String responseUrl) {
        return send(commandBody(user, channel, text, responseUrl), now(), null);
    }

    public String commandBody(String user, String channel, String text) {
        return commandBody(user, channel, text, slack.responseUrl("c" + triggers.incrementAndGet()));
    }

    public String commandBody(String user, String channel, String text, String responseUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "legacy");
        fields.put("team_id", "T1");
        fields.put("team_domain", "ferry-test");
        fields.put("channel_id", channel);
        fields.put("channel_name", "ops");
        fields.put("user_id", "U" + user.toUpperCase());
        fields.put("user_name", user);
        fields.put("command", "/migrate");
        fields.put("text", text);
        fields.put("response_url", responseUrl);
        fields.put("trigger_id", "trigger-" + triggers.incrementAndGet());
        return form(fields);
    }

    /** {@code user} presses the button {@code actionId} carrying {@code value} on the message {@code messageTs}. */
    public Answer press(String user, String channel, String threadTs, String messageTs, String actionId,
                                      String value) {
        return send(pressBody(user, channel, threadTs, messageTs, actionId, value), now(), null);
    }

    public String pressBody(String user, String channel, String threadTs, String messageTs, String actionId,
                            String value) {
        ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A1")
                .put("token", "legacy").put("trigger_id", "trigger-" + triggers.incrementAndGet())
                .put("response_url", slack.responseUrl("a" + triggers.get()));
        payload.putObject("team").put("id", "T1").put("domain", "ferry-test");
        payload.set("user", user(user));
        payload.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel)
                .put("is_ephemeral", false).put("thread_ts", threadTs);
        payload.putObject("channel").put("id", channel).put("name", "ops");
        payload.putObject("message").put("type", "message").put("ts", messageTs).put("thread_ts", threadTs);
        ObjectNode action = payload.putArray("actions").addObject().put("type", "button").put("action_id", actionId)
                .put("block_id", "ferry-step").put("value", value).put("action_ts", "1700000000.1");
        action.putObject("text").put("type", "plain_text").put("text", actionId);
        return form(Map.of("payload", payload.toString()));
    }

    /** {@code user} submits the start form {@code formId} with {@code state} (block id → action "value" → value). */
    public Answer submit(String user, String formId, ObjectNode state) {
        return submit(user, "ferry-start", formId, state);
    }

    /** {@code user} submits the modal {@code callbackId} that carries {@code privateMetadata}. */
    public Answer submit(String user, String callbackId, String privateMetadata, ObjectNode state) {
        return send(submitBody(user, callbackId, privateMetadata, state), now(), null);
    }

    public String submitBody(String user, String callbackId, String privateMetadata, ObjectNode state) {
        ObjectNode payload = JSON.createObjectNode().put("type", "view_submission").put("api_app_id", "A1")
                .put("token", "legacy").put("trigger_id", "trigger-" + triggers.incrementAndGet());
        payload.putObject("team").put("id", "T1").put("domain", "ferry-test");
        payload.set("user", user(user));
        ObjectNode view = payload.putObject("view").put("id", "V1").put("team_id", "T1").put("type", "modal")
                .put("callback_id", callbackId).put("private_metadata", privateMetadata);
        view.putObject("state").set("values", state);
        return form(Map.of("payload", payload.toString()));
    }

    /** A state value of a text field. */
    public static ObjectNode text(String value) {
        return JSON.createObjectNode().put("type", "plain_text_input").put("value", value);
    }

    /** A state value of a select. */
    public static ObjectNode selected(String value) {
        ObjectNode node = JSON.createObjectNode().put("type", "static_select");
        node.putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text").put("text", value);
        return node;
    }

    public static ObjectNode state(Map<String, ObjectNode> fields) {
        ObjectNode values = JSON.createObjectNode();
        fields.forEach((name, value) -> values.putObject(name).set("value", value));
        return values;
    }

    /**
     * Sends {@code body} signed for {@code timestamp}; {@code signature} replaces the right one when not null.
     * A plain blocking connection per request: concurrent callers do not share one client's selector thread,
     * so what is measured is Ferry's time.
     */
    public Answer send(String body, long timestamp, String signature) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(10000);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            connection.setRequestProperty("X-Slack-Request-Timestamp", Long.toString(timestamp));
            connection.setRequestProperty("X-Slack-Signature", signature != null ? signature : sign(timestamp, body));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (in != null) {
                in.close();
            }
            return new Answer(status, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What Ferry answered: the HTTP status and the acknowledgement's body. */
    public record Answer(int statusCode, String body) {
    }

    public String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static ObjectNode user(String user) {
        return JSON.createObjectNode().put("id", "U" + user.toUpperCase()).put("username", user).put("name", user)
                .put("team_id", "T1");
    }

    private static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
