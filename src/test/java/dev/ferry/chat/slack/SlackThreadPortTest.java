package dev.ferry.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.ScheduleNoticeView;
import dev.ferry.chat.thread.RunThreads;
import dev.ferry.chat.thread.ScheduleThreads;
import dev.ferry.chat.thread.Shown;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.chat.thread.ThreadSamples;
import dev.ferry.run.RunEvent;
import dev.ferry.schedule.ScheduleNotice;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every run event, schedule notice and {@link Shown} reaches Slack through {@link SlackThreadPort}, in the style of
 * JDA's event-consistency test: a type that has no layout here, or that the presenter cannot show on Slack, fails.
 * Calls go over HTTP to the fake Web API on 127.0.0.1; message references are kept in an in-memory H2 database.
 */
class SlackThreadPortTest {

    private static final String ON_CALL = "S0ONCALL";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Any mention Slack notifies: users, user groups, and the channel-wide ones. */
    private static final Pattern MENTION = Pattern.compile("<(@U[A-Z0-9]+|!subteam\\^[A-Z0-9]+|!here|!channel|!everyone)");

    private static FakeSlackApi slack;
    private static SlackApi api;
    private static MessageRefs refs;
    private final ExecutorService posting = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    private SlackThreadPort port;

    @BeforeAll
    static void start() {
        slack = FakeSlackApi.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        api = new SlackApi(Slack.getInstance(config).methods("xoxb-test-bot-token"));
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:ferry-slack-port-test;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/h2").load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        // The samples' run, whose messages chat_message refers to.
        jdbc.sql("""
                INSERT INTO run (id, procedure_id, procedure_version, parameters_json, status, current_index,
                                 requester_platform, requester_id, requester_name, channel, created_at, updated_at)
                VALUES ('R7', 'thread-samples', 1, '{}', 'ACTIVE', 1, 'slack', 'U1', 'alice', :channel, :at, :at)""")
                .param("channel", ThreadSamples.CHANNEL).param("at", ThreadSamples.NOW.atOffset(ZoneOffset.UTC))
                .update();
        refs = new MessageRefs(jdbc);
    }

    @AfterAll
    static void stop() {
        slack.close();
    }

    @BeforeEach
    void port() {
        slack.recover();
        slack.clear();
        port = new SlackThreadPort(api, new StepMessages(10), ON_CALL);
    }

    @AfterEach
    void pools() throws InterruptedException {
        posting.shutdownNow();
        ticks.shutdownNow();
        assertThat(posting.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theSamplesCoverEveryType() {
        ThreadSamples.coverEveryType();
    }

    @Test
    void everyShownIsPostedWithVisibleTextAndOnlyCallsTheOnCallGroupWhereItShould() {
        for (Shown shown : ThreadSamples.shown("slack")) {
            slack.clear();

            String ts = port.post(new ThreadPort.Where("C1", "1700000000.000001"), shown);

            FakeSlackApi.Call posted = slack.calls("chat.postMessage").get(0);
            assertThat(ts).as("%s", shown).isEqualTo(posted.ts());
            assertThat(posted.param("thread_ts")).isEqualTo("1700000000.000001");
            String visible = visible(posted);
            assertThat(visible).as("the visible text of %s", shown.getClass().getSimpleName()).isNotBlank();
            List<String> mentions = mentions(posted.param("text") + "\n" + visible);
            if (callsOnCall(shown)) {
                assertThat(mentions).as("the mentions of %s", shown).contains("!subteam^" + ON_CALL)
                        .allMatch(m -> m.equals("!subteam^" + ON_CALL) || m.equals("@U1"));
            } else {
                assertThat(mentions).as("the mentions of %s", shown).allMatch(m -> m.equals("@U1"));
            }
        }
    }

    @Test
    void withoutAnOnCallGroupNothingCallsAGroup() {
        SlackThreadPort quiet = new SlackThreadPort(api, new StepMessages(10), null);

        assertThat(quiet.callsOnCall()).isFalse();
        assertThat(port.callsOnCall()).isTrue();
        for (Shown shown : ThreadSamples.shown("slack")) {
            quiet.post(new ThreadPort.Where("C1", null), shown);
        }
        assertThat(slack.calls("chat.postMessage")).hasSize(ThreadSamples.shown("slack").size())
                .allSatisfy(c -> assertThat(c.text()).doesNotContain("subteam"));
    }

    @Test
    void aDeletedMessageIsGoneAndAnyOtherRefusalIsUnshownWithSlacksWord() {
        Shown header = ThreadSamples.shown("slack").get(0);
        slack.fail("chat.update", "message_not_found");
        slack.fail("chat.postMessage", "not_in_channel");

        ThreadPort.Where channel = new ThreadPort.Where("C1", null);
        assertThatThrownBy(() -> port.edit(channel, "1.2", header))
                .isInstanceOf(ThreadPort.Gone.class).hasMessage("message_not_found");
        assertThatThrownBy(() -> port.post(channel, header))
                .isInstanceOf(ThreadPort.Unshown.class).hasMessage("not_in_channel");
    }

    @Test
    void everyRunEventReachesSlackAndARunningScriptShowsItsNewestLine() throws Exception {
        RunThreads threads = new RunThreads(port, refs, posting, ticks, Duration.ofMillis(20), 10,
                Clock.fixed(ThreadSamples.NOW.plus(Duration.ofMinutes(35)), ZoneOffset.UTC));
        for (RunEvent event : ThreadSamples.runEvents("slack")) {
            int before = postsAndEdits();

            threads.on(event);

            if (event instanceof RunEvent.StepOutput output) {
                FakeSlackApi.Call live = slack.await("chat.update", c -> c.blocks().contains(output.line()), WAIT);
                assertThat(live.blocks()).contains("running");
            } else {
                threads.settled(event.run().id()).get(10, TimeUnit.SECONDS);
                assertThat(postsAndEdits()).as("calls to Slack for %s", event.getClass().getSimpleName())
                        .isGreaterThan(before);
            }
        }
        assertThat(slack.calls("chat.postMessage")).anySatisfy(c -> assertThat(c.param("text"))
                .startsWith("<!subteam^" + ON_CALL + "> :rotating_light: Escalated: R7 · step 1 'announce' has waited"
                        + " 35 min for an approval"));
        FakeSlackApi.Call last = slack.calls("chat.postMessage").get(slack.calls("chat.postMessage").size() - 1);
        assertThat(last.param("text")).isEqualTo("Run R7 finished · 1 succeeded, 1 done.");
        assertThat(last.param("thread_ts")).isEqualTo(slack.calls("chat.postMessage").get(0).ts());
    }

    @Test
    void everyScheduleNoticeReachesSlackAndALongOutputIsUploadedToTheFiresThread() throws Exception {
        ScheduleThreads threads = new ScheduleThreads(port, posting, 100);
        String longOutput = IntStream.rangeClosed(1, 300).mapToObj(i -> "line " + i + " of a long report").collect(Collectors.joining("\n"));
        for (ScheduleNotice notice : ThreadSamples.notices("slack", longOutput)) {
            int before = postsAndEdits();

            threads.on(notice);

            threads.settled(notice.fire().id()).get(10, TimeUnit.SECONDS);
            assertThat(postsAndEdits()).as("calls to Slack for %s", notice.getClass().getSimpleName())
                    .isGreaterThan(before);
        }
        List<FakeSlackApi.Call> posts = slack.calls("chat.postMessage");
        List<FakeSlackApi.Call> fire14 = posts.stream().filter(c -> c.param("text").contains("fire 14")).toList();
        assertThat(fire14).hasSize(3);
        assertThat(fire14.get(0).param("thread_ts")).isNull();
        assertThat(fire14.subList(1, 3)).allSatisfy(c -> assertThat(c.param("thread_ts")).isEqualTo(fire14.get(0).ts()));
        FakeSlackApi.Call failed = posts.get(posts.size() - 1);
        assertThat(failed.param("text")).startsWith("<!subteam^" + ON_CALL + "> S1 · thread-samples · fire 15");
        assertThat(failed.blocks()).contains("all of it is in the file in this thread");
        FakeSlackApi.Call file = slack.await("files.getUploadURLExternal", c -> true, WAIT);
        assertThat(file.param("filename")).isEqualTo(new ScheduleNoticeView(ThreadSamples.notices("slack", longOutput)
                .get(6)).outputFileName());
        assertThat(slack.await("files.completeUploadExternal", c -> true, WAIT).param("thread_ts"))
                .isEqualTo(failed.ts());
    }

    private static int postsAndEdits() {
        return slack.calls("chat.postMessage").size() + slack.calls("chat.update").size();
    }

    /** What Slack shows of a message: its blocks' texts, or its text when it has no blocks. */
    private static String visible(FakeSlackApi.Call call) {
        JsonNode blocks = call.json("blocks");
        if (blocks.isMissingNode() || blocks.isEmpty()) {
            return call.param("text");
        }
        List<String> texts = new ArrayList<>();
        texts(blocks, texts);
        return String.join("\n", texts);
    }

    /** The texts of Block Kit's text objects ({"type":"mrkdwn","text":"…"}) anywhere in {@code node}. */
    private static void texts(JsonNode node, List<String> into) {
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("text") && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                into.add(field.getValue().asText());
            }
        });
        node.elements().forEachRemaining(child -> texts(child, into));
    }

    private static List<String> mentions(String text) {
        Matcher matcher = MENTION.matcher(text);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static boolean callsOnCall(Shown shown) {
        return shown instanceof Shown.ApprovalCall
                || shown instanceof Shown.Reminder reminder && reminder.reminder().escalate()
                || shown instanceof Shown.Notice notice && notice.view().mentionsOnCall();
    }
}
