package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.chat.Deliveries;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * Socket Mode without the network: Ferry's Bolt app connects (Java-WebSocket backend) to a WebSocket server on
 * 127.0.0.1 that plays Slack's part, sending envelopes and reading the acknowledgements.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:ferry-slack-socket-test;DB_CLOSE_DELAY=-1",
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "ferry.slack.bot-token=xoxb-test-bot-token",
        "ferry.slack.app-token=xapp-test-app-token",
        "ferry.access.roles.operator.slack-users=*", "ferry.access.roles.approver.slack-users=*"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackSocketModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    static final FakeSlackApi slack = FakeSlackApi.start();
    static final SlackEdge edge = SlackEdge.listen();
    private static final AtomicLong triggers = new AtomicLong();

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        slack.socketModeUrl("ws://127.0.0.1:" + edge.getPort() + "/link");
        registry.add("ferry.slack.api-url", slack::apiUrl);
    }

    /** Ferry goes first, so that its Socket Mode client does not try to reconnect to a stopped Slack. */
    @AfterAll
    void stop() throws Exception {
        connection.close();
        edge.stop(1000);
        slack.close();
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    SocketModeConnection connection;
    @Autowired
    @Qualifier("slackWork")
    ExecutorService slackWork;
    @Autowired
    SlackSettings settings;
    @Autowired
    JdbcClient jdbc;

    @Test
    void socketModeOpensNoPortAndAcknowledgesEnvelopesWithTheAnswer() throws Exception {
        assertThat(context).isNotInstanceOf(WebApplicationContext.class);
        assertThat(context.getBeansOfType(Deliveries.Purging.class)).containsOnlyKeys("slackDeliveriesPurging");
        WebSocket ferry = edge.connected();

        ferry.send(envelope("e1", "slash_commands", command("list")).toString());
        JsonNode ack = edge.next();

        assertThat(ack.path("envelope_id").asText()).isEqualTo("e1");
        assertThat(ack.path("payload").path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ack.path("payload").path("blocks").toString()).contains("test-move", "test-idempotent");
    }

    @Test
    void aRunStartedAndPressedOverSocketModeIsShownInItsThread() throws Exception {
        WebSocket ferry = edge.connected();
        ObjectNode start = command("start test-idempotent server=spe-ih-01");
        String url = start.path("response_url").asText();
        ferry.send(envelope("e2", "slash_commands", start).toString());
        assertThat(edge.next().path("envelope_id").asText()).isEqualTo("e2");
        String answer = slack.await("respond", c -> url.equals(c.param("response_url")), WAIT).answer();
        String run = answer.replaceAll("(?s).*Started run (R\\d+).*", "$1");
        FakeSlackApi.Call step = slack.await("chat.postMessage", c -> c.blocks().contains(run + ":update-lists:1"), WAIT);

        ObjectNode press = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A1")
                .put("trigger_id", "t-press-" + triggers.incrementAndGet());
        press.putObject("team").put("id", "T1");
        press.putObject("user").put("id", "UZOE").put("username", "zoe").put("team_id", "T1");
        press.putObject("channel").put("id", "C9");
        press.putObject("container").put("type", "message").put("channel_id", "C9").put("message_ts", step.ts())
                .put("thread_ts", step.param("thread_ts"));
        press.putArray("actions").addObject().put("type", "button").put("action_id", "ferry:run")
                .put("block_id", "ferry-step").put("value", run + ":update-lists:1").put("action_ts", "1.2");
        ferry.send(envelope("e3", "interactive", press).toString());

        assertThat(edge.next().path("envelope_id").asText()).isEqualTo("e3");
        FakeSlackApi.Call done = slack.await("chat.update", c -> step.ts().equals(c.param("ts"))
                && c.blocks().contains("succeeded"), WAIT);
        assertThat(done.blocks()).contains("Started by zoe");
    }

    @Test
    void anEnvelopeDeliveredAgainWithARetryAttemptIsAcknowledgedAndActedOnOnce() throws Exception {
        WebSocket ferry = edge.connected();
        int runsBefore = runs();
        ObjectNode start = command("start test-idempotent server=spe-ih-01");
        String url = start.path("response_url").asText();

        ferry.send(envelope("e4", "slash_commands", start).toString());
        assertThat(edge.next().path("envelope_id").asText()).isEqualTo("e4");
        ObjectNode retry = envelope("e4", "slash_commands", start).put("retry_attempt", 1).put("retry_reason", "timeout");
        ferry.send(retry.toString());
        JsonNode retryAck = edge.next();

        assertThat(retryAck.path("envelope_id").asText()).isEqualTo("e4");
        assertThat(retryAck.has("payload")).as("acknowledged with nothing to show").isFalse();
        assertThat(slack.await("respond", c -> url.equals(c.param("response_url")), WAIT).answer())
                .contains("Started run");
        PoolBarrier.drain(slackWork, settings.workers());
        assertThat(runs()).isEqualTo(runsBefore + 1);
        assertThat(slack.calls("respond")).filteredOn(c -> url.equals(c.param("response_url"))).hasSize(1);
    }

    private int runs() {
        return jdbc.sql("SELECT COUNT(*) FROM run").query(Integer.class).single();
    }

    /** A command as Slack sends it: a trigger id and a response URL of its own. */
    private static ObjectNode command(String text) {
        long n = triggers.incrementAndGet();
        return JSON.createObjectNode().put("token", "legacy").put("team_id", "T1").put("api_app_id", "A1")
                .put("channel_id", "C9").put("user_id", "UZOE").put("user_name", "zoe").put("command", "/migrate")
                .put("text", text).put("response_url", slack.responseUrl("s" + n)).put("trigger_id", "t-command-" + n);
    }

    private static ObjectNode envelope(String id, String type, ObjectNode payload) {
        ObjectNode envelope = JSON.createObjectNode().put("envelope_id", id).put("type", type)
                .put("accepts_response_payload", true);
        envelope.set("payload", payload);
        return envelope;
    }

    /** Slack's side of the WebSocket: records what Ferry sends back. */
    static final class SlackEdge extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private volatile WebSocket ferry;
        private final CountDownLatch opened = new CountDownLatch(1);

        private SlackEdge() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        static SlackEdge listen() {
            SlackEdge edge = new SlackEdge();
            edge.setReuseAddr(true);
            edge.start();
            try {
                assertThat(edge.started.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return edge;
        }

        WebSocket connected() throws InterruptedException {
            assertThat(opened.await(10, TimeUnit.SECONDS)).as("Ferry connected over Socket Mode").isTrue();
            return ferry;
        }

        JsonNode next() throws Exception {
            String message = received.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("an acknowledgement from Ferry").isNotNull();
            return JSON.readTree(message);
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            ferry = connection;
            connection.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A1\"}}");
            opened.countDown();
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            received.add(message);
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
