package dev.ferry.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.chat.Reply;
import dev.ferry.chat.StepView;
import dev.ferry.chat.thread.ThreadPort;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureLoader;
import dev.ferry.run.Action;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

/** The limits Discord sets on a message, kept whatever a step holds. */
class StepMessagesTest {

    private static final String LONG_ID = "a-step-whose-id-is-long-enough-that-with-a-long-action-word-it-cannot-fit-a-custom-id";

    private final DiscordThreadPort port = new DiscordThreadPort(new RecordingPosts(), Optional.empty());

    @Test
    void outputOverTwoThousandCharactersGoesToAFileAndTheEmbedKeepsItsEnd() {
        String output = "line 1\n" + "x".repeat(60).concat("\n").repeat(40) + "the last line";
        assertThat(output.length()).isGreaterThan(2000);
        assertThat(port.fits(ThreadPort.Content.OUTPUT, output)).isFalse();
        MessageCreateData message = StepMessages.step(view("run-script", StepState.SUCCEEDED, output, List.of()), null,
                Set.of(ThreadPort.Content.OUTPUT));

        // The file is a message of its own in the thread (DiscordThreadPortTest); the step's message names it.
        assertThat(message.getFiles()).isEmpty();
        MessageEmbed shown = message.getEmbeds().get(1);
        assertThat(shown.getTitle()).contains("last lines", "42 lines", "R7-run-script-attempt-1.txt");
        assertThat(shown.getDescription()).endsWith("the last line\n```").doesNotContain("line 1\n");
        assertThat(message.getEmbeds().stream().mapToInt(MessageEmbed::getLength).sum())
                .isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);

        assertThat(port.fits(ThreadPort.Content.OUTPUT, "ok\ndone")).isTrue();
        MessageCreateData small = StepMessages.step(view("run-script", StepState.SUCCEEDED, "ok\ndone", List.of()), null,
                Set.of());
        assertThat(small.getFiles()).isEmpty();
        assertThat(small.getEmbeds().get(1).getDescription()).isEqualTo("```\nok\ndone\n```");
    }

    @Test
    void everyActionGetsAButtonWhoseIdFitsDiscordsHundredCharacters() {
        List<Action> all = Arrays.asList(Action.values());
        MessageCreateData message = StepMessages.step(view(LONG_ID, StepState.FAILED, "boom", all), null, Set.of());

        List<Button> buttons = message.getComponents().stream().flatMap(c -> c.asActionRow().getButtons().stream())
                .toList();
        assertThat(buttons).extracting(Button::getLabel).containsExactlyElementsOf(all.stream().map(Action::label).toList());
        assertThat(buttons).allSatisfy(b -> assertThat(b.getCustomId()).hasSizeLessThanOrEqualTo(Button.ID_MAX_LENGTH));
        assertThat(message.getComponents()).hasSize(2);  // five buttons a row at most
        String shortened = buttons.get(5).getCustomId();
        assertThat(shortened).isEqualTo("ferry:mark-done:R7:#0:1");
        assertThat(ButtonIds.parse(shortened)).hasValueSatisfying(p -> {
            assertThat(p.stepIndex()).isZero();
            assertThat(p.buttonValue(LONG_ID)).isEqualTo("R7:" + LONG_ID + ":1");
        });
        assertThat(ButtonIds.parse(buttons.get(0).getCustomId())).hasValueSatisfying(p ->
                assertThat(p.stepId()).isEqualTo(LONG_ID));  // "run" is short enough for the whole id
        assertThat(ButtonIds.parse("ferry:run:R7:step:x")).isEmpty();
        assertThat(ButtonIds.parse("other:run:R7:step:1")).isEmpty();
    }

    @Test
    void aLongScriptGoesToAFileAndAScriptCannotCloseItsCodeBlock() {
        MessageCreateData message = StepMessages.step(view("run-script", StepState.WAITING, null,
                List.of(Action.RUN)), null, Set.of());
        assertThat(message.getEmbeds().get(0).getDescription()).startsWith("```powershell\n").contains("``\u200B`");
        assertThat(message.getFiles()).isEmpty();

        String longScript = "Write-Output 'a line of the script'\n".repeat(100);
        RunEvent.StepChanged shown = view("run-script", StepState.WAITING, null, List.of(Action.RUN)).event();
        assertThat(port.fits(ThreadPort.Content.SCRIPT, shown.script())).isTrue();
        assertThat(longScript.length()).isGreaterThan(DiscordThreadPort.SCRIPT_LIMIT);
        assertThat(port.fits(ThreadPort.Content.SCRIPT, longScript)).isFalse();
        MessageCreateData attached = StepMessages.step(new StepView(new RunEvent.StepChanged(shown.run(), shown.step(),
                shown.total(), shown.record(), shown.target(), longScript, shown.actions(), shown.after())), null,
                Set.of(ThreadPort.Content.SCRIPT));
        assertThat(attached.getFiles()).isEmpty();  // a message of its own in the thread carries it
        assertThat(attached.getEmbeds().get(0).getDescription()).contains("The script (100 lines, secrets masked) is"
                + " in a file in this thread.").doesNotContain("a line of the script");
    }

    @Test
    void anAnswerLongerThanAMessageComesAsAFile() {
        Reply.Builder builder = new Reply.Builder().line("Plan for something — nothing runs.");
        builder.code("powershell", "Write-Output 'x'\n".repeat(200));
        MessageCreateData message = ReplyMessages.create(builder.build(true));
        assertThat(message.getContent()).startsWith("Plan for something").contains("attached ferry-answer.txt")
                .hasSizeLessThanOrEqualTo(2000);
        assertThat(message.getFiles()).extracting(FileUpload::getName).containsExactly("ferry-answer.txt");
        assertThat(ReplyMessages.create(Reply.error("No.")).getContent()).isEqualTo("⚠ No.");
    }

    @Test
    void theCallToTheOnCallGroupMayNotifyThatRoleAndNobodyElse() {
        MessageCreateData call = StepMessages.approvalCall(view("run-script", StepState.AWAITING_APPROVAL, null,
                List.of(Action.APPROVE, Action.REJECT, Action.ABORT)), "310000000000000002");

        assertThat(call.getContent()).isEqualTo("<@&310000000000000002> R7 · step 1/1 · Run a script waits for an"
                + " on-call approval: Approve or Reject it on the step's message above.");
        // What JDA sends as allowed_mentions: no parsing of @everyone, users or roles; only this role listed.
        assertThat(call.toData().getObject("allowed_mentions").toString())
                .contains("\"parse\":[]", "\"roles\":[\"310000000000000002\"]").doesNotContain("users");
    }

    @Test
    void filesOverDiscordsUploadLimitAreGzippedOrLeftOutWithASentence() throws IOException {
        String jsonLines = "{\"kind\":\"RUN_STARTED\"}\n";
        String csv = "id,at,kind\r\n" + "1,2026-01-01T10:00:00Z,PRESS\r\n".repeat(200);
        byte[] random = new byte[4500];
        new Random(7).nextBytes(random);
        String noise = Base64.getEncoder().encodeToString(random);
        Reply reply = new Reply.Builder().line("Audit trail of run R7.")
                .attach(new Reply.Attachment("R7-audit.jsonl", "application/x-ndjson", jsonLines))
                .attach(new Reply.Attachment("R7-audit.csv", "text/csv", csv))
                .attach(new Reply.Attachment("R7-noise.txt", "text/plain", noise))
                .build(true);

        assertThat(ReplyMessages.create(reply).getFiles()).extracting(FileUpload::getName)
                .containsExactly("R7-audit.jsonl", "R7-audit.csv", "R7-noise.txt");

        MessageCreateData tight = ReplyMessages.create(reply, 2000);
        assertThat(tight.getFiles()).extracting(FileUpload::getName).containsExactly("R7-audit.jsonl",
                "R7-audit.csv.gz");
        try (InputStream in = new GZIPInputStream(tight.getFiles().get(1).getData())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(csv);
        }
        assertThat(tight.getContent()).startsWith("Audit trail of run R7.").contains(
                "R7-audit.csv (5.9 KiB) does not fit in what Discord takes in one message (2.0 KiB in all), so it is"
                        + " attached gzipped as R7-audit.csv.gz.",
                "R7-noise.txt is too large for Discord even gzipped", "so it is not attached. Whoever runs Ferry can"
                        + " save it with the same command on Ferry's console.");
    }

    private static StepView view(String stepId, StepState state, String output, List<Action> actions) {
        Procedure procedure = ProcedureLoader.parse(Path.of("test-messages.yml"), """
                id: test-messages
                title: Messages
                source: tests
                steps:
                  - id: %s
                    title: Run a script
                    kind: powershell
                    target: server
                    script: "Write-Output '```'"
                parameters:
                  server: { type: host }
                """.formatted(stepId));
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        Run run = new Run("R7", "test-messages", 1, Map.of("server", "spe-ih-01"), RunStatus.ACTIVE, 0,
                new Actor("discord", "1", "alice"), "900", now, now);
        StepRecord record = new StepRecord("R7", 0, stepId, state, 1, "alice", "discord:1", now, now, 0, output, null);
        return new StepView(new RunEvent.StepChanged(run, procedure.steps().get(0), 1, record, "spe-ih-01",
                procedure.steps().get(0).script(), actions, new RunSnapshot(run, procedure, List.of(record))));
    }
}
