package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 10's smaller gaps, through the dispatcher: refused values quoted short and on one line, broken
 * characters refused where they are given, and no command quietly ignoring words it does not take.
 */
@FerryTest
class BadInputAnswersTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    RunEngine engine;

    @BeforeEach
    void clean() {
        hosts.reset();
    }

    @AfterEach
    void settle() throws InterruptedException {
        engine.awaitIdle();
    }

    @Test
    void aRefusedListOf100KilobytesIsQuotedAsAShortExcerptWithItsLength() {
        String reply = error("plan test-scheduled server=spe-ih-01 scope=named lists=\"" + "x".repeat(100_000) + ",,\"");

        assertThat(reply).contains("parameter lists: '" + "x".repeat(60) + "…' (100002 characters) has an empty item")
                .hasSizeLessThan(600);
        assertThat(reply.lines()).hasSize(3);
    }

    @Test
    void newlinesAndControlCharactersInARefusedValueAreShownEscaped() {
        Reply form = dispatcher.start("test-move", Map.of("oldServer", "spe-ih-01\nRemove-Item C:\\ -Recurse",
                "newServer", "spe-ih-02\u0007", "pfxPassword", "x"), ALICE, "console");

        assertThat(form.error()).isTrue();
        assertThat(form.plainText())
                .contains("• parameter oldServer: 'spe-ih-01\\nRemove-Item C:\\ -Recurse' is not a host of the inventory",
                        "• parameter newServer: 'spe-ih-02\\u0007' is not a host")
                .doesNotContain("\u0007");
        assertThat(form.plainText().lines()).hasSize(4);
        assertThat(dispatcher.lookups().validate("test-move", Map.of("oldServer", "a\tb")).get("oldServer"))
                .startsWith("'a\\tb' is not a host");
    }

    @Test
    void everyWordEchoedFromACommandIsQuotedTheSameWay() {
        assertThat(error("z".repeat(100_000))).contains("'" + "z".repeat(60) + "…' (100000 characters) is not a"
                + " /migrate command").hasSizeLessThan(400);
        assertThat(error("show \"test\u0007move\"")).contains("There is no procedure 'test\\u0007move'.");
        assertThat(error("start \"" + "p".repeat(5_000) + "\"")).contains("…' (5000 characters).").hasSizeLessThan(400);
        assertThat(error("check \"spe-01\nspe-02\"")).contains("There is no host 'spe-01\\nspe-02' in the inventory");
        assertThat(error("show test-move \"a\nb\"")).contains("/migrate show takes one procedure, not 'a\\nb'");
        assertThat(error("plan test-move \"a\nb\"")).contains("'a\\nb' is not name=value; parameters of test-move");
        assertThat(error("schedule \"paus\ne\"")).contains("'paus\\ne' is not a schedule command");
        assertThat(error("schedule pause \"S1\nS2\"")).contains("There is no schedule 'S1\\nS2'");
        assertThat(error("start test-move \"bad\u0007name\"=1")).contains("'bad\\u0007name' is not a parameter name");
        assertThat(dispatcher.lookups().validate("x\ny", Map.of())).containsEntry("procedure", "there is no procedure 'x\\ny'");
    }

    @Test
    void aRunIdThatIsNoRunIdIsRefusedAsSuch() {
        assertThat(error("abort " + "r".repeat(100_000))).contains("'" + "r".repeat(60) + "…' (100000 characters) is"
                + " not a run id; run ids are R and a number, e.g. /migrate abort R3.").hasSizeLessThan(400);
        assertThat(error("status \"R1\nR2\"")).contains("'R1\\nR2' is not a run id");
        // Longer than the audit trail's run column: refused, not a database error.
        assertThat(error("resume R" + "1".repeat(40))).contains("is not a run id");
        assertThat(error("status R424242")).contains("There is no run R424242.");
    }

    @Test
    void aButtonFerryNeverMadeGetsOneLineAndNoExceptionName() {
        for (String value : new String[] {"R1:stop-service:" + "9".repeat(30), "R" + "1".repeat(40) + ":stop-service:1",
                "R1:" + "x\n".repeat(50_000) + ":1", "R1:Stop Service:1"}) {
            Reply reply = dispatcher.press(value, "run", ALICE);
            assertThat(reply.error()).isTrue();
            assertThat(reply.plainText()).contains("That button is not one Ferry knows (")
                    .doesNotContain("Exception").hasSizeLessThan(400);
            assertThat(reply.plainText().lines()).hasSize(1);
        }
    }

    @Test
    void anUnpairedSurrogateIsRefusedWhereverAValueIsGiven() {
        int activeBefore = engine.active().size();
        assertThat(error("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=ab\uD800cd"))
                .contains("parameter pfxPassword has a broken character at position 3: half of a UTF-16 surrogate"
                        + " pair (\\uD800) without its other half, which the host would receive as '?'",
                        "Nothing was started")
                .doesNotContain("abcd", "ab\uD800");
        Reply form = dispatcher.start("test-move", Map.of("oldServer", "spe-ih-01", "newServer", "spe-ih-02\uDC00",
                "pfxPassword", "x"), ALICE, "console");
        assertThat(form.plainText()).contains("parameter newServer has a broken character at position 10");
        assertThat(form.form()).isEmpty();
        assertThat(engine.active()).hasSize(activeBefore);

        String run = started(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02"
                + " pfxPassword=good", ALICE, "console"));
        assertThat(error("resume " + run + " pfxPassword=x\uDBFF"))
                .contains("Secret pfxPassword has a broken character at position 2", "Nothing was resumed.");
        assertThat(text("abort " + run)).contains("pressed Abort");
    }

    @Test
    void aRejectionReasonTooLongForTheStepIsRefusedAndChangesNothing() {
        String run = started(dispatcher.dispatch("start test-approval server=spe-ih-02", ALICE, "console"));
        Actor bob = new Actor("console", "bob", "bob");

        Reply reply = dispatcher.press(run + ":announce:1", "reject", bob, "no ".repeat(2_000));

        assertThat(reply.error()).isTrue();
        assertThat(reply.plainText().strip()).isEqualTo("A reason of 5999 characters is longer than the 1000 a step's"
                + " message keeps; say it shorter and press again. Nothing was changed.");
        assertThat(engine.snapshot(run).orElseThrow().steps().get(0).state().words()).isEqualTo("awaiting approval");
        assertThat(dispatcher.press(run + ":announce:1", "reject", bob, "not in the window").error()).isFalse();
        assertThat(text("abort " + run)).contains("pressed Abort");
    }

    @Test
    void aParameterNameTooLongToShowWholeIsNoParameterName() {
        String run = started(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02"
                + " pfxPassword=x", ALICE, "console"));

        assertThat(error("resume " + run + " " + "p".repeat(100_000) + "=x")).contains("'" + "p".repeat(60)
                + "…' (100000 characters) is not a parameter name").hasSizeLessThan(400);
        assertThat(text("abort " + run)).contains("pressed Abort");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            status R1 R2               | /migrate status takes one run id, not 'R2'; write /migrate status [run].
            hosts extra                | /migrate hosts takes nothing more, not 'extra'; write /migrate hosts.
            help me                    | /migrate help takes nothing more, not 'me'; write /migrate help.
            list all                   | /migrate list takes nothing more, not 'all'; write /migrate list.
            show test-move a=b         | /migrate show takes no name=value, not 'a=…'; write /migrate show <procedure>.
            resume R1 R2               | /migrate resume takes one run id, not 'R2'; write /migrate resume <run> [secret=value …].
            check spe-01 spe-02        | /migrate check takes one host, not 'spe-02'; write /migrate check <host>.
            audit R1 R2                | /migrate audit takes one run id, not 'R2'; write /migrate audit <run> or /migrate audit refusals [since].
            audit refusals 7d extra    | /migrate audit refusals takes one since (a date such as 2026-11-01 or a duration such as 24h or 7d), not 'extra'
            audit R1 since=7d          | /migrate audit takes no name=value, not 'since=…'
            status R1 pfxPassword=Top1 | /migrate status takes no name=value, not 'pfxPassword=…'; write /migrate status [run].
            schedule pause S1 S2       | /migrate schedule pause takes one schedule id, not 'S2'; write /migrate schedule pause <id>.
            schedule list S1           | /migrate schedule list takes nothing more, not 'S1'; write /migrate schedule list.
            """)
    void everyCommandRefusesWordsItDoesNotTake(String command, String refusal) {
        assertThat(error(command)).contains(refusal).doesNotContain("Top1");
        assertThat(hosts.executions()).isEmpty();
    }

    @Test
    void aSecondRunIdNeitherAbortsNorIsIgnored() {
        String run = started(dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02"
                + " pfxPassword=x", ALICE, "console"));

        assertThat(error("abort " + run + " R2")).contains("/migrate abort takes one run id, not 'R2'");
        assertThat(engine.snapshot(run).orElseThrow().run().status()).isEqualTo(RunStatus.ACTIVE);
        assertThat(error("abort " + run + " now=yes")).contains("/migrate abort takes no name=value, not 'now=…'");
        assertThat(engine.snapshot(run).orElseThrow().run().status()).isEqualTo(RunStatus.ACTIVE);
        assertThat(text("abort " + run)).contains("pressed Abort");
    }

    private String text(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText();
    }

    private String error(String command) {
        Reply reply = dispatcher.dispatch(command, ALICE, "console");
        assertThat(reply.error()).as(reply.plainText()).isTrue();
        assertThat(reply.plainText()).doesNotContain("Exception", "\tat ");
        return reply.plainText();
    }

    private static String started(Reply reply) {
        assertThat(reply.error()).as(reply.plainText()).isFalse();
        return reply.plainText().replaceAll("(?s).*Started run (R\\d+).*", "$1");
    }
}
