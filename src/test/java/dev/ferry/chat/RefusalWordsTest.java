package dev.ferry.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.access.Actor;
import dev.ferry.run.Action;
import dev.ferry.run.Refusal;
import dev.ferry.run.RunStatus;
import dev.ferry.run.StepRecord;
import dev.ferry.run.StepState;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of refusal the engine can return has its own sentence in chat: a kind added to {@link Refusal}
 * without words fails here, before a person meets it. The sentences themselves are pinned by the engine's and
 * the dispatcher's tests.
 */
class RefusalWordsTest {

    private static final StepRecord RECORD = new StepRecord("R7", 1, "stop-service", StepState.WAITING, 2, "bob",
            "console:bob", Instant.EPOCH, null, null, null, null);

    @Test
    void everyKindOfRefusalIsWordedAsASentenceThatNamesItsRunOrStep() throws Exception {
        Class<?>[] kinds = Refusal.class.getPermittedSubclasses();
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(15);
        for (Class<?> kind : kinds) {
            Refusal refusal = sample(kind);

            String words = RefusalWords.words(refusal);

            assertThat(words).as(kind.getSimpleName())
                    .endsWith(".")
                    .doesNotContain("null", "Refusal", kind.getSimpleName())
                    .containsAnyOf("R7", "stop-service", "pfxPassword");
            assertThat(RefusalWords.of(refusal).accepted()).isFalse();
        }
    }

    @Test
    void aRunThatEndedSaysWhatNothingIsLeftFor() {
        assertThat(RefusalWords.words(new Refusal.RunEnded("R7", RunStatus.FINISHED, Refusal.Asked.PRESS)))
                .isEqualTo("Run R7 has finished; nothing in it waits for a press.");
        assertThat(RefusalWords.words(new Refusal.RunEnded("R7", RunStatus.ABORTED, Refusal.Asked.RESUME)))
                .isEqualTo("Run R7 has been aborted; there is nothing to resume. Start a new run with /migrate start.");
    }

    /** An instance of {@code kind} whose every component has a plausible value. */
    private static Refusal sample(Class<?> kind) throws Exception {
        RecordComponent[] components = kind.getRecordComponents();
        Object[] values = Arrays.stream(components).map(c -> value(c.getType(), c.getName())).toArray();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return (Refusal) kind.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(Class<?> type, String name) {
        if (type == String.class) {
            return name.equals("runId") ? "R7" : name.contains("step") ? "stop-service" : "pfxPassword";
        }
        if (type == int.class) {
            return 1;
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == StepRecord.class) {
            return RECORD;
        }
        if (type == List.class) {
            return name.equals("allowed") ? List.of(Action.RUN, Action.SKIP) : List.of("pfxPassword");
        }
        if (type == Actor.class) {
            return new Actor("console", "alice", "alice");
        }
        if (type == Action.class) {
            return Action.APPROVE;
        }
        if (type == RunStatus.class) {
            return RunStatus.FINISHED;
        }
        if (type == Refusal.Asked.class) {
            return Refusal.Asked.ABORT;
        }
        throw new IllegalArgumentException("no sample value for a " + type.getSimpleName() + " (" + name + ")");
    }
}
