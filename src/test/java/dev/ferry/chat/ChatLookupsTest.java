package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.access.Role;
import dev.ferry.run.RunEngine;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@FerryTest
class ChatLookupsTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    CommandDispatcher dispatcher;
    @Autowired
    RunEngine engine;

    @AfterEach
    void settle() throws InterruptedException {
        engine.awaitIdle();
    }

    @Test
    void suggestionsContainWhatWasTypedInAnyCaseThoseStartingWithItFirst() {
        ChatLookups lookups = dispatcher.lookups();

        assertThat(lookups.suggestions(ChatLookups.Suggestion.HOST, " IH ", 10)).containsExactly("spe-ih-01", "spe-ih-02");
        assertThat(lookups.suggestions(ChatLookups.Suggestion.HOST, "s", 25)).startsWith("spe-01")
                .endsWith("miis-01").doesNotContain("ex2007-a");
        assertThat(lookups.suggestions(ChatLookups.Suggestion.HOST, "spe-ms", 1)).containsExactly("spe-ms-01");
        assertThat(lookups.suggestions(ChatLookups.Suggestion.PROCEDURE, "MOVE", 10)).containsExactly("test-move");
        assertThat(lookups.suggestions(ChatLookups.Suggestion.PROCEDURE, null, 100)).contains("test-move",
                "test-approval");
    }

    @Test
    void hostNamesAreInTheInventorysOrder() {
        assertThat(dispatcher.lookups().hostNames()).startsWith("spe-01", "spe-02", "spe-ms-01").contains("miis-01");
    }

    @Test
    void aStepIdIsFoundByItsPositionInARunThatExists() {
        String runId = start();
        ChatLookups lookups = dispatcher.lookups();

        assertThat(lookups.stepId(runId, 1)).contains("stop-service");
        assertThat(lookups.stepId(runId, 0)).contains("disable-mfa");
        assertThat(lookups.stepId(runId, 99)).isEmpty();
        assertThat(lookups.stepId(runId, -1)).isEmpty();
        assertThat(lookups.stepId("R999999999", 0)).isEmpty();
        assertThat(lookups.suggestions(ChatLookups.Suggestion.RUN, runId, 5)).contains(runId);
        assertThat(lookups.activeRunsNotice()).map(Reply::plainText).hasValueSatisfying(
                text -> assertThat(text).contains(runId));

        dispatcher.dispatch("abort " + runId, ALICE, "console");
        assertThat(lookups.suggestions(ChatLookups.Suggestion.RUN, runId, 5)).doesNotContain(runId);
    }

    @Test
    void rolesAreNamedInWordsAndTheVerbsAreHelpsOrder() {
        assertThat(dispatcher.lookups().roles(ALICE))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::word).toList());
        assertThat(dispatcher.lookups().verbs()).startsWith("help", "list", "show").endsWith("schedule", "audit");
    }

    private String start() {
        Reply started = dispatcher.dispatch("start test-move oldServer=spe-ih-01 newServer=spe-ih-02 pfxPassword=x",
                ALICE, "console");
        Matcher id = Pattern.compile("Started run (R\\d+) ").matcher(started.plainText());
        assertThat(id.find()).as(started.plainText()).isTrue();
        return id.group(1);
    }
}
