package dev.ferry.chat.discord;

import static dev.ferry.chat.discord.DiscordFixture.edited;
import static dev.ferry.chat.discord.DiscordFixture.followUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.discord.DiscordEvents.Person;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On-call approvals on Discord, driven only by interactions (mocked JDA events, as in DiscordInteractionsTest)
 * against the real dispatcher, engine and H2. Roles here are granted by Discord role id alone, so each person's
 * roles come from the role ids their member carries in the interaction.
 */
@DiscordRolesTest
class DiscordApprovalsTest {

    static final String OPERATORS = DiscordRolesTest.OPERATORS;
    static final String ON_CALL = DiscordRolesTest.ON_CALL;
    /** On call herself, but she starts the run: the two-person rule keeps her from approving its steps. */
    private static final Person ALICE = new Person("100000000000000001", "alice", OPERATORS, ON_CALL);
    private static final Person BOB = new Person("100000000000000002", "bob", OPERATORS, ON_CALL);
    private static final Person CAROL = new Person("100000000000000003", "carol", ON_CALL);
    private static final Person DAVE = new Person("100000000000000004", "dave");
    private static final Pattern STARTED = Pattern.compile("Started run (R\\d+)");
    private static final String REASON = "not in the change window";

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;
    @Autowired
    MessageRefs refs;
    @Autowired
    Deliveries deliveries;
    @Autowired
    SimulatedConnector hosts;

    private DiscordFixture fixture;
    private RecordingPosts discord;

    @BeforeEach
    void connect() {
        hosts.reset();
        connect(ON_CALL);
    }

    private void connect(String onCallRole) {
        fixture = new DiscordFixture(dispatcher, engine, refs, deliveries, onCallRole);
        discord = fixture.discord;
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        fixture.close();
    }

    @Test
    void aStepIsApprovedRejectedAskedAgainAndApprovedThroughDiscordAlone() throws Exception {
        String runId = start(ALICE);
        String thread = threadOf(runId);

        // The manual step waits for the on-call group at once; a message of its own mentions their role.
        RecordingPosts.Shown announce = step(thread, 1);
        assertThat(announce.text()).contains("Step 1/3 · Announce the maintenance window",
                "Where: manual · approval on-call", "Status: awaiting approval",
                "any on-call approver but alice may decide");
        assertThat(announce.customIds()).containsExactly(id("approve", runId, "announce"),
                id("reject", runId, "announce"), id("abort", runId, "announce"));
        assertThat(announce.mentionTypes()).isEmpty();
        assertThat(announce.mentionRoles()).isEmpty();
        assertCalled(newest(thread), runId + " · step 1/3 · Announce the maintenance window");

        // Alice started the run: her approval is refused, privately (two-person rule). Bob's is taken.
        ButtonInteractionEvent own = press(id("approve", runId, "announce"), ALICE);
        verify(own.deferEdit()).queue();
        assertThat(followUp(own.getHook())).contains("alice started run " + runId + " and so cannot approve its"
                + " steps", "two-person rule");
        verify(own.getHook().sendMessage((MessageCreateData) null)).setEphemeral(true);
        press(id("approve", runId, "announce"), BOB);
        settle(runId);
        announce = step(thread, 1);
        assertThat(announce.text()).contains("Status: waiting · approved by bob (asked by alice)");
        assertThat(announce.customIds()).containsExactly(id("done", runId, "announce"), id("skip", runId, "announce"),
                id("abort", runId, "announce"));

        // Alice does the manual work and asks for the script: its message turns into a request, and a new call
        // goes out (an edited message notifies nobody).
        press(id("done", runId, "announce"), ALICE);
        settle(runId);
        RecordingPosts.Shown stop = step(thread, 2);
        assertThat(stop.customIds()).first().isEqualTo(id("run", runId, "stop-service"));
        press(id("run", runId, "stop-service"), ALICE);
        settle(runId);
        assertThat(step(thread, 2).text()).contains("Status: awaiting approval");
        assertCalled(newest(thread), runId + " · step 2/3 · Stop the service");
        assertThat(hosts.executions()).isEmpty();

        // Reject opens a form for the reason, as the first answer to the press: nothing is deferred before it.
        ButtonInteractionEvent reject = press(id("reject", runId, "stop-service"), CAROL);
        ArgumentCaptor<Modal> form = ArgumentCaptor.forClass(Modal.class);
        verify(reject).replyModal(form.capture());
        verify(reject.replyModal(form.getValue())).queue();
        verify(reject, never()).deferEdit();
        Modal modal = form.getValue();
        assertThat(modal.getId()).isEqualTo(id("reject", runId, "stop-service"));
        assertThat(modal.getTitle()).isEqualTo("Reject " + runId + " · stop-service");
        assertThat(modal.toData().toString()).contains("\"custom_id\":\"reason\"", "\"style\":2",
                "\"required\":true", "\"max_length\":500", "Why reject it?");

        // Dave holds no role: his Reject press opens no form and is refused at once with the role he lacks, and so
        // is a rejection he sends through the form someone else opened.
        ButtonInteractionEvent daves = press(id("reject", runId, "stop-service"), DAVE);
        verify(daves, never()).replyModal(any(Modal.class));
        verify(daves.deferEdit()).queue();
        assertThat(followUp(daves.getHook())).contains("dave (discord:" + DAVE.id() + ") lacks the approver role"
                + " needed to reject steps");
        ModalInteractionEvent stranger = submit(modal, "no", DAVE);
        assertThat(followUp(stranger.getHook())).contains("dave (discord:" + DAVE.id() + ") lacks the approver role"
                + " needed to reject steps", "ferry.access.roles.approver.discord-users (or discord-roles)");

        // Carol's is taken: acknowledged at once, and the step's message shows who rejected it and why.
        ModalInteractionEvent rejected = submit(modal, "  " + REASON + "\n", CAROL);
        verify(rejected.deferEdit()).queue();
        settle(runId);
        verify(rejected.getHook(), never()).sendMessage(any(MessageCreateData.class));
        stop = step(thread, 2);
        assertThat(stop.text()).contains("Status: rejected · by carol: " + REASON);
        assertThat(stop.customIds()).containsExactly(id("ask-again", runId, "stop-service"),
                id("skip", runId, "stop-service"), id("abort", runId, "stop-service"));
        assertThat(stop.buttons()).extracting(b -> b.getLabel()).containsExactly("Ask again", "Skip", "Abort");

        // The same form again is stale: refused privately, nothing changes.
        ModalInteractionEvent twice = submit(modal, "again", CAROL);
        assertThat(followUp(twice.getHook())).contains("carol already rejected step 2 'stop-service' of run " + runId
                + "; nothing was changed by your press.");

        // Bob asks again: a new call; Bob is now the asker, so Carol decides.
        press(id("ask-again", runId, "stop-service"), BOB);
        settle(runId);
        assertThat(step(thread, 2).text()).contains("Status: awaiting approval · asked again by bob",
                "any on-call approver but alice and bob may decide");
        assertCalled(newest(thread), runId + " · step 2/3 · Stop the service");
        press(id("approve", runId, "stop-service"), CAROL);
        engine.awaitIdle();
        settle(runId);

        assertThat(hosts.executions()).extracting(SimulatedConnector.Execution::script)
                .containsExactly("Stop-Service -Name 'TestRole'", "Get-Service -Name 'TestRole'");
        assertThat(step(thread, 2).text()).contains("Status: succeeded · exit code 0");
        assertThat(step(thread, 3).text()).contains("Status: succeeded");
        assertThat(newest(thread).content()).startsWith("Run " + runId + " finished");
        assertThat(discord.inThread(thread)).filteredOn(m -> !m.mentionRoles().isEmpty()).hasSize(3);

        // The trail, as two files, only to the one who asked.
        SlashCommandInteractionEvent audit = DiscordEvents.slash("audit", Map.of("run", runId), ALICE);
        fixture.router.onEvent(audit);
        verify(audit.deferReply(true)).queue();
        MessageEditData answer = edited(audit.getHook());
        assertThat(answer.getContent()).startsWith("Audit trail of run " + runId + ": ");
        assertThat(answer.getFiles()).extracting(FileUpload::getName)
                .containsExactly(runId + "-audit.jsonl", runId + "-audit.csv");
        assertThat(read(answer.getFiles().get(1))).contains("REJECTED", "discord:" + CAROL.id(), REASON,
                "lacks the approver role", "APPROVED", "EXECUTION_ENDED");
    }

    @Test
    void rolesComeFromTheRoleIdsTheMemberCarries() throws Exception {
        SlashCommandInteractionEvent bare = DiscordEvents.slash("hosts", Map.of(), DAVE);
        fixture.router.onEvent(bare);
        assertThat(edited(bare.getHook()).getContent()).contains("dave (discord:" + DAVE.id() + ") lacks the operator"
                + " role needed to list hosts");

        SlashCommandInteractionEvent granted = DiscordEvents.slash("hosts", Map.of(), DAVE.withRoles(OPERATORS));
        fixture.router.onEvent(granted);
        assertThat(edited(granted.getHook()).getContent()).contains("spe-ih-01").doesNotContain("lacks");

        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", "test-approval", "parameters", "server=spe-ih-01"), DAVE.withRoles(ON_CALL));
        fixture.router.onEvent(start);
        assertThat(edited(start.getHook()).getContent()).contains("dave (discord:" + DAVE.id() + ") may not start"
                + " test-approval: it needs the operator role");
    }

    @Test
    void withoutAnOnCallRoleNobodyIsMentioned() throws Exception {
        fixture.close();
        connect(null);
        String runId = start(ALICE);
        List<RecordingPosts.Shown> shown = discord.inThread(threadOf(runId));
        assertThat(shown).singleElement().satisfies(step -> {
            assertThat(step.text()).contains("Status: awaiting approval");
            assertThat(step.mentionRoles()).isEmpty();
        });
        engine.abort(runId, new Actor("discord", ALICE.id(), ALICE.name()));
        settle(runId);
    }

    private String start(Person person) throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", "test-approval", "parameters", "server=spe-ih-01"), person);
        fixture.router.onEvent(start);
        Matcher matcher = STARTED.matcher(edited(start.getHook()).getContent());
        assertThat(matcher.find()).isTrue();
        settle(matcher.group(1));
        return matcher.group(1);
    }

    /** The call under a step waiting for approval: the on-call role, and no one else, may be notified. */
    private static void assertCalled(RecordingPosts.Shown call, String step) {
        assertThat(call.content()).isEqualTo("<@&" + ON_CALL + "> " + step + " waits for an on-call approval:"
                + " Approve or Reject it on the step's message above.");
        assertThat(call.mentionTypes()).isEmpty();
        assertThat(call.mentionRoles()).containsExactly(ON_CALL);
        assertThat(call.buttons()).isEmpty();
    }

    private ButtonInteractionEvent press(String customId, Person person) {
        return fixture.press(customId, person);
    }

    private ModalInteractionEvent submit(Modal modal, String reason, Person person) {
        ModalInteractionEvent event = DiscordEvents.modal(modal.getId(), Map.of(ButtonPresses.REASON, reason), person);
        fixture.router.onEvent(event);
        return event;
    }

    private static String id(String action, String runId, String stepId) {
        return "ferry:" + action + ":" + runId + ":" + stepId + ":1";
    }

    /** The message of step {@code number} in the run's thread. */
    private RecordingPosts.Shown step(String thread, int number) {
        return discord.inThread(thread).stream().filter(m -> m.text().contains("Step " + number + "/3 · "))
                .findFirst().orElseThrow();
    }

    private RecordingPosts.Shown newest(String thread) {
        List<RecordingPosts.Shown> shown = discord.inThread(thread);
        return shown.get(shown.size() - 1);
    }

    private String threadOf(String runId) {
        return fixture.threadOf(runId);
    }

    private void settle(String runId) throws Exception {
        fixture.settle(runId);
    }

    private static String read(FileUpload file) throws IOException {
        try (InputStream in = file.getData()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
