package dev.ferry.chat.discord;

import static dev.ferry.chat.discord.DiscordEvents.CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Deliveries;
import dev.ferry.chat.MessageRefs;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.run.RunEngine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Discord adapter driven the way JDA drives it: interaction events (mocked, as Discord cannot run here) go to
 * the one listener; what it replies, defers and sends is read off the mocks, and what it posts and edits in runs'
 * threads off a recording Discord. The real dispatcher, engine, H2 and simulated hosts sit behind it.
 */
@FerryTest
class DiscordInteractionsTest {

    private static final String ALICE = "100000000000000001";
    private static final String BOB = "100000000000000002";
    private static final Actor OPERATOR = new Actor("discord", ALICE, "alice");
    private static final Pattern STARTED = Pattern.compile("Started run (R\\d+)");

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
    private InteractionRouter router;

    @BeforeEach
    void connect() {
        hosts.reset();
        fixture = new DiscordFixture(dispatcher, engine, refs, deliveries, null);
        discord = fixture.discord;
        router = fixture.router;
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        fixture.close();
    }

    @Test
    void aWholeRunIsDrivenByInteractionsAlone() throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start", Map.of("procedure", "test-move",
                "parameters", "oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=hunter2"), ALICE);
        router.onEvent(start);

        InOrder acknowledgedFirst = inOrder(start.deferReply(true), start.getHook());
        acknowledgedFirst.verify(start.deferReply(true)).queue();
        acknowledgedFirst.verify(start.getHook()).editOriginal(any(MessageEditData.class));
        String runId = runId(edited(start.getHook()));
        settle(runId);

        RecordingPosts.Shown header = discord.inChannel(CHANNEL).get(discord.inChannel(CHANNEL).size() - 1);
        assertThat(header.text()).contains("Run " + runId + " · Move a test role to a new server",
                "`test-move` v1 · started by <@" + ALICE + "> · 4 steps", "`pfxPassword` = `********`");
        String thread = threadOf(runId);
        assertThat(discord.threads().get(thread)).isEqualTo(runId + " · Move a test role to a new server");

        List<RecordingPosts.Shown> steps = discord.inThread(thread);
        assertThat(steps.get(0).content()).contains("step 1/4 · Disable MFA for administrators — not applicable");
        RecordingPosts.Shown stop = steps.get(1);
        assertThat(stop.text()).contains("Step 2/4 · Stop the service on the old server", "```powershell",
                "$pfxPassword = '********'", "Stop-Service -Name 'TestRole'", "⚠ Warning: This stops production.",
                "Where: powershell on spe-ih-02 · timeout 2s", "Status: waiting")
                .doesNotContain("hunter2");
        assertThat(stop.customIds()).containsExactly("ferry:run:" + runId + ":stop-service:1",
                "ferry:skip:" + runId + ":stop-service:1", "ferry:abort:" + runId + ":stop-service:1");
        assertThat(stop.buttons()).extracting(b -> b.getStyle())
                .containsExactly(ButtonStyle.PRIMARY, ButtonStyle.SECONDARY, ButtonStyle.DANGER);

        ButtonInteractionEvent run = press(stop.customIds().get(0), BOB);
        verify(run.deferEdit()).queue();
        engine.awaitIdle();
        settle(runId);
        verify(run.getHook(), never()).sendMessage(any(MessageCreateData.class));

        stop = discord.inThread(thread).get(1);
        assertThat(stop.text()).contains("Status: succeeded · exit code 0", "Output", "[simulated spe-ih-02]");
        assertThat(stop.buttons()).isEmpty();
        assertThat(discord.history(stop.id())).anySatisfy(text -> assertThat(text).contains("running · started by"
                + " user-002"));
        RecordingPosts.Shown check = discord.inThread(thread).get(2);
        assertThat(check.text()).contains("Step 3/4 · Verify the service is stopped", "Status: succeeded");
        RecordingPosts.Shown look = discord.inThread(thread).get(3);
        assertThat(look.text()).contains("Step 4/4 · Look at the dashboard", "Open the dashboard");
        assertThat(look.customIds()).containsExactly("ferry:done:" + runId + ":look:1", "ferry:skip:" + runId
                + ":look:1", "ferry:abort:" + runId + ":look:1");

        press(look.customIds().get(0), ALICE);
        settle(runId);
        assertThat(discord.inThread(thread).get(3).text()).contains("Status: done · by user-001");
        assertThat(last(discord.inThread(thread)).content())
                .isEqualTo("Run " + runId + " finished · 1 not applicable, 2 succeeded, 1 done.");
        assertThat(discord.inChannel(CHANNEL)).filteredOn(m -> m.text().contains("Run " + runId + " ·"))
                .singleElement().satisfies(m -> assertThat(m.text()).contains("finished · 1 not applicable"));

        // The same button once more: refused privately, nothing posted.
        int calls = discord.calls().size();
        ButtonInteractionEvent again = press(look.customIds().get(0), ALICE);
        verify(again.deferEdit()).queue();
        assertThat(followUp(again.getHook())).contains("⚠ Run " + runId + " has finished");
        verify(again.getHook().sendMessage((MessageCreateData) null)).setEphemeral(true);
        settle(runId);
        assertThat(discord.calls()).hasSize(calls);
    }

    @Test
    void missingParametersOpenAFormWhoseValuesStartTheRun() throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", "test-move", "parameters", "oldServer=spe-ih-02"), ALICE);
        router.onEvent(start);

        ArgumentCaptor<Modal> modal = ArgumentCaptor.forClass(Modal.class);
        verify(start).replyModal(modal.capture());
        verify(start, never()).deferReply(true);
        assertThat(modal.getValue().getId()).startsWith(ParameterForms.PREFIX);
        assertThat(modal.getValue().getTitle()).isEqualTo("Start test-move");
        String json = modal.getValue().toData().toString();
        assertThat(json).contains("\"custom_id\":\"newServer\"", "\"custom_id\":\"pfxPassword\"",
                "Secret: never shown in chat, never stored").doesNotContain("oldServer");

        ModalInteractionEvent submitted = DiscordEvents.modal(modal.getValue().getId(),
                Map.of("newServer", "spe-ih-01", "pfxPassword", "hunter2"), ALICE);
        router.onEvent(submitted);
        verify(submitted.deferReply(true)).queue();
        String runId = runId(edited(submitted.getHook()));
        settle(runId);
        assertThat(engine.snapshot(runId).orElseThrow().run().parameters())
                .containsEntry("oldServer", "spe-ih-02").containsEntry("newServer", "spe-ih-01");
        engine.abort(runId, OPERATOR);

        ModalInteractionEvent twice = DiscordEvents.modal(modal.getValue().getId(),
                Map.of("newServer", "spe-ih-01", "pfxPassword", "x"), ALICE);
        router.onEvent(twice);
        assertThat(replied(twice)).contains("That form is no longer open", "Use /migrate start again");
    }

    @Test
    void invalidValuesAreAnsweredPrivatelyWithTheRuleAndStartNothing() {
        int before = engine.active().size();
        SlashCommandInteractionEvent start = DiscordEvents.slash("start", Map.of("procedure", "test-move",
                "parameters", "oldServer=spe-ih-99 newServer=spe-ih-01 pfxPassword=x mfaEnabled=maybe"), ALICE);
        router.onEvent(start);

        assertThat(replied(start)).contains("⚠ The parameters do not fit test-move",
                "parameter oldServer: 'spe-ih-99' is not a host of the inventory",
                "parameter mfaEnabled: 'maybe' is not true or false", "Nothing was started");
        verify(start.reply((MessageCreateData) null)).setEphemeral(true);
        verify(start, never()).deferReply(true);
        verify(start, never()).replyModal(any(Modal.class));
        assertThat(engine.active()).hasSize(before);

        SlashCommandInteractionEvent wide = DiscordEvents.slash("start", Map.of("procedure", "test-wide"), ALICE);
        router.onEvent(wide);
        assertThat(replied(wide)).contains("test-wide still needs 6 parameters (first, second, third, fourth, fifth,"
                + " sixth), more than a Discord form holds (5)", "parameters:first=… second=…");

        SlashCommandInteractionEvent smuggled = DiscordEvents.slash("show",
                Map.of("procedure", "test-move newServer=x"), ALICE);
        router.onEvent(smuggled);
        assertThat(replied(smuggled)).contains("'test-move newServer=x' is not a procedure: give one word");

        SlashCommandInteractionEvent loose = DiscordEvents.slash("start",
                Map.of("procedure", "test-move", "parameters", "spe-ih-01"), ALICE);
        router.onEvent(loose);
        assertThat(replied(loose)).contains("'spe-ih-01' is not name=value");
    }

    @Test
    void otherCommandsAreAcknowledgedAtOnceAndAnsweredPrivately() {
        SlashCommandInteractionEvent list = DiscordEvents.slash("list", Map.of(), ALICE);
        router.onEvent(list);
        verify(list.deferReply(true)).queue();
        assertThat(edited(list.getHook())).contains("test-move — Move a test role to a new server (4 steps)");

        SlashCommandInteractionEvent plan = DiscordEvents.slash("plan", Map.of("procedure", "test-move",
                "parameters", "oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=hunter2"), ALICE);
        router.onEvent(plan);
        assertThat(edited(plan.getHook())).contains("Plan for test-move v1", "```powershell").doesNotContain("hunter2");

        SlashCommandInteractionEvent unknown = DiscordEvents.slash("frobnicate", Map.of(), ALICE);
        router.onEvent(unknown);
        assertThat(replied(unknown)).contains("/migrate frobnicate is not a command this Ferry knows");
    }

    @Test
    void autocompleteOffersProceduresHostsAndActiveRuns() throws Exception {
        assertThat(choices(DiscordEvents.typing("start", "procedure", "MOVE"))).containsExactly("test-move");
        assertThat(choices(DiscordEvents.typing("show", "procedure", ""))).contains("test-idempotent", "test-move");
        assertThat(choices(DiscordEvents.typing("check", "host", "ih-0"))).containsExactly("spe-ih-01", "spe-ih-02");
        assertThat(choices(DiscordEvents.typing("start", "parameters", "old"))).isEmpty();

        String runId = startRun("test-move", "oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=x");
        assertThat(choices(DiscordEvents.typing("abort", "run", runId))).startsWith(runId);
        engine.abort(runId, OPERATOR);
        assertThat(choices(DiscordEvents.typing("abort", "run", runId))).doesNotContain(runId);
    }

    @Test
    void interactionsFromOutsideTheServedServersAndForeignButtonsAreRefused() {
        SlashCommandInteractionEvent direct = DiscordEvents.slash("list", Map.of(), ALICE);
        when(direct.getGuild()).thenReturn(null);
        router.onEvent(direct);
        assertThat(replied(direct)).contains("not in direct messages");

        SlashCommandInteractionEvent elsewhere = DiscordEvents.slash("list", Map.of(), ALICE);
        var other = DiscordEvents.guild();
        when(other.getId()).thenReturn("900000000000000099");
        when(elsewhere.getGuild()).thenReturn(other);
        router.onEvent(elsewhere);
        assertThat(replied(elsewhere)).contains("not set up for this server", "900000000000000099");
        verify(elsewhere, never()).deferReply(true);

        ButtonInteractionEvent forged = press("ferry:run:R1:stop-service", ALICE);
        assertThat(replied(forged)).contains("That button is not one Ferry knows");
        verify(forged, never()).deferEdit();

        ButtonInteractionEvent ghost = press("ferry:done:R999999:#3:1", ALICE);
        verify(ghost.deferEdit()).queue();
        assertThat(followUp(ghost.getHook())).contains("Run R999999 has no step 4");
    }

    @Test
    void anInteractionDeliveredAgainIsLeftAloneAndActsOnce() throws Exception {
        int active = engine.active().size();
        Map<String, String> options = Map.of("procedure", "test-move",
                "parameters", "oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=x mfaEnabled=true");
        SlashCommandInteractionEvent start = DiscordEvents.slash("start", options, ALICE);
        SlashCommandInteractionEvent startAgain = DiscordEvents.redelivered(DiscordEvents.slash("start", options, ALICE),
                start);

        router.onEvent(start);
        router.onEvent(startAgain);

        String runId = runId(edited(start.getHook()));
        settle(runId);
        assertThat(engine.active()).hasSize(active + 1);
        untouched(startAgain);

        String done = discord.inThread(threadOf(runId)).get(0).customIds().get(0);
        ButtonInteractionEvent press = DiscordEvents.button(done, BOB);
        ButtonInteractionEvent pressAgain = DiscordEvents.redelivered(DiscordEvents.button(done, BOB), press);
        router.onEvent(press);
        router.onEvent(pressAgain);
        settle(runId);

        verify(press.deferEdit()).queue();
        verify(press.getHook(), never()).sendMessage(any(MessageCreateData.class));
        // Not even a second "already done": the first delivery's answer is the only one Discord takes.
        untouched(pressAgain);
        assertThat(discord.inThread(threadOf(runId)).get(0).text()).contains("Status: done · by user-002");
        engine.abort(runId, OPERATOR);
        settle(runId);
    }

    @Test
    void twoPeoplePressingAtOnceGetOneWinnerAndOneSentence() throws Exception {
        String runId = startRun("test-move", "oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=x mfaEnabled=true");
        String done = discord.inThread(threadOf(runId)).get(0).customIds().get(0);
        assertThat(done).isEqualTo("ferry:done:" + runId + ":disable-mfa:1");

        ButtonInteractionEvent alice = DiscordEvents.button(done, ALICE);
        ButtonInteractionEvent bob = DiscordEvents.button(done, BOB);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService people = Executors.newFixedThreadPool(2);
        try {
            for (ButtonInteractionEvent event : List.of(alice, bob)) {
                people.execute(() -> {
                    try {
                        go.await();
                        router.onEvent(event);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            go.countDown();
            people.shutdown();
            assertThat(people.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            people.shutdownNow();
        }
        verify(alice.deferEdit()).queue();
        verify(bob.deferEdit()).queue();
        List<InteractionHook> refused = List.of(alice.getHook(), bob.getHook()).stream()
                .filter(hook -> !org.mockito.Mockito.mockingDetails(hook).getInvocations().stream()
                        .filter(i -> i.getMethod().getName().equals("sendMessage")).toList().isEmpty())
                .toList();
        assertThat(refused).hasSize(1);
        assertThat(followUp(refused.get(0))).contains("⚠");
        engine.abort(runId, OPERATOR);
        settle(runId);
    }

    @Test
    void whileDiscordIsDownRunsGoOnAndResumePostsTheCurrentStep() throws Exception {
        discord.reachable(false);
        SlashCommandInteractionEvent start = DiscordEvents.slash("start", Map.of("procedure", "test-move",
                "parameters", "oldServer=spe-ih-02 newServer=spe-ih-01 pfxPassword=x"), ALICE);
        router.onEvent(start);
        String runId = runId(edited(start.getHook()));
        settle(runId);
        assertThat(discord.calls()).isEmpty();
        assertThat(engine.snapshot(runId).orElseThrow().run().status().ended()).isFalse();

        discord.reachable(true);
        SlashCommandInteractionEvent resume = DiscordEvents.slash("resume", Map.of("run", runId), BOB);
        router.onEvent(resume);
        assertThat(edited(resume.getHook())).contains("Run " + runId + " resumed by user-002 at step 2/4");
        settle(runId);
        String thread = threadOf(runId);
        // The thread is named by the procedure's title even when the run's start was not shown: events carry it.
        assertThat(discord.threads().get(thread)).isEqualTo(runId + " · Move a test role to a new server");
        RecordingPosts.Shown first = discord.inThread(thread).get(0);
        assertThat(first.text()).contains("Step 2/4 · Stop the service on the old server");
        assertThat(first.customIds()).hasSize(3);

        // Resumed again, the step moves to the end of the thread and its old message loses its buttons.
        router.onEvent(DiscordEvents.slash("resume", Map.of("run", runId), BOB));
        settle(runId);
        List<RecordingPosts.Shown> shown = discord.inThread(thread);
        assertThat(shown).hasSize(2);
        assertThat(shown.get(0).content()).contains("shown again below");
        assertThat(shown.get(0).buttons()).isEmpty();
        assertThat(shown.get(1).customIds()).isEqualTo(first.customIds());

        // A step message someone deleted is posted again rather than lost.
        discord.delete(shown.get(1).id());
        press(shown.get(1).customIds().get(1), ALICE);  // skip
        settle(runId);
        assertThat(discord.inThread(thread)).anySatisfy(m -> assertThat(m.text()).contains("Status: skipped"));
        engine.abort(runId, OPERATOR);
        settle(runId);
    }

    @Test
    void aRunningScriptsOutputShowsUpBeforeItEnds() throws Exception {
        // spe-ih-01 prints its two lines of Stop-Service output 300 ms apart (config/hosts.yml).
        String runId = startRun("test-move", "oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x");
        RecordingPosts.Shown stop = discord.inThread(threadOf(runId)).get(1);
        press(stop.customIds().get(0), ALICE);
        engine.awaitIdle();
        settle(runId);
        assertThat(discord.history(stop.id()))
                .anySatisfy(text -> assertThat(text).contains("Output so far", "Stopping MailStore SPE Instance Host")
                        .doesNotContain("succeeded"))
                .last().satisfies(text -> assertThat(text).contains("Status: succeeded", "Output\n",
                        "MailStoreSPEInstanceHost is Stopped"));
        engine.abort(runId, OPERATOR);
        settle(runId);
    }

    /** Starts a run through /migrate start and waits until Discord shows it; returns its id. */
    private String startRun(String procedure, String parameters) throws Exception {
        SlashCommandInteractionEvent start = DiscordEvents.slash("start",
                Map.of("procedure", procedure, "parameters", parameters), ALICE);
        router.onEvent(start);
        String runId = runId(edited(start.getHook()));
        settle(runId);
        return runId;
    }

    private ButtonInteractionEvent press(String customId, String userId) {
        return fixture.press(customId, DiscordEvents.Person.of(userId));
    }

    private String threadOf(String runId) {
        return fixture.threadOf(runId);
    }

    private void settle(String runId) throws Exception {
        fixture.settle(runId);
    }

    /** Nothing was answered to {@code event}: no reply, deferral or form, nothing through its hook. */
    private static void untouched(IReplyCallback event) {
        verify(event, never()).reply(any(MessageCreateData.class));
        verify(event, never()).deferReply(org.mockito.ArgumentMatchers.anyBoolean());
        verify(event.getHook(), never()).editOriginal(any(MessageEditData.class));
        verify(event.getHook(), never()).sendMessage(any(MessageCreateData.class));
        if (event instanceof ButtonInteractionEvent button) {
            verify(button, never()).deferEdit();
            verify(button, never()).replyModal(any(Modal.class));
        }
        if (event instanceof SlashCommandInteractionEvent slash) {
            verify(slash, never()).replyModal(any(Modal.class));
        }
    }

    private static String runId(String answer) {
        Matcher matcher = STARTED.matcher(answer);
        assertThat(matcher.find()).as("a run was started: %s", answer).isTrue();
        return matcher.group(1);
    }

    private static String edited(InteractionHook hook) {
        return DiscordFixture.edited(hook).getContent();
    }

    private static String followUp(InteractionHook hook) {
        return DiscordFixture.followUp(hook);
    }

    private static String replied(IReplyCallback event) {
        ArgumentCaptor<MessageCreateData> captor = ArgumentCaptor.forClass(MessageCreateData.class);
        verify(event).reply(captor.capture());
        return captor.getValue().getContent();
    }

    private List<String> choices(CommandAutoCompleteInteractionEvent event) {
        router.onEvent(event);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<java.util.Collection<String>> captor = ArgumentCaptor.forClass(java.util.Collection.class);
        verify(event).replyChoiceStrings(captor.capture());
        return List.copyOf(captor.getValue());
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
