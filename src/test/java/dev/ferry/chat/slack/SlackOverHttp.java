package dev.ferry.chat.slack;

import dev.ferry.chat.thread.RunThreads;
import dev.ferry.connector.simulated.SimulatedConnector;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the tests of Slack's HTTP mode share: Ferry on a random loopback port in HTTP mode, a fake Web API started
 * for the test class (Ferry's {@code ferry.slack.api-url} points at it) and stopped with it, signed requests to
 * Ferry's {@code /slack/events}, and a {@link SlackDriver} that plays the people. A subclass adds its own
 * properties with {@code @TestPropertySource}: its own in-memory database, and the roles it needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ferry.procedures.directory=src/test/resources/procedures",
        "logging.file.name=",
        "logging.threshold.console=warn",
        "server.address=127.0.0.1",
        "ferry.slack.mode=http",
        "ferry.slack.bot-token=xoxb-test-bot-token",
        "ferry.slack.signing-secret=" + SlackOverHttp.SECRET})
@DirtiesContext // the fake Slack stops with the class: the context goes too, instead of calling a closed port
abstract class SlackOverHttp {

    static final String SECRET = "test-signing-secret";
    static final Duration WAIT = Duration.ofSeconds(10);

    static FakeSlackApi slack;

    @BeforeAll
    static void startSlack() {
        slack = FakeSlackApi.start();
    }

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("ferry.slack.api-url", () -> slack.apiUrl());
    }

    @AfterAll
    static void stopSlack() {
        slack.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    RunThreads slackRunThreads;

    SignedRequests requests;
    SlackDriver driver;

    @BeforeEach
    void connect() {
        // What an earlier test's runs still had queued for Slack is shown first, not in this test's calls.
        slackRunThreads.drain(WAIT);
        hosts.reset();
        slack.recover();
        slack.clear();
        requests = new SignedRequests(URI.create("http://127.0.0.1:" + port + "/slack/events"), SECRET, slack);
        driver = new SlackDriver(requests, slack, WAIT);
    }
}
