package dev.ferry.chat.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.chat.thread.ThreadSamples;
import dev.ferry.run.RunEvent;
import dev.ferry.schedule.ScheduleNotice;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The console shows every run event and schedule notice there is (the platforms' ports are tested alike). */
class ConsoleRenderingTest {

    @Test
    void everyRunEventAndScheduleNoticeHasAConsoleLayout() {
        ThreadSamples.coverEveryType();
        for (RunEvent event : ThreadSamples.runEvents("console")) {
            assertThat(ConsoleRenderer.event(event, "@on-call", ThreadSamples.NOW.plus(Duration.ofMinutes(35))))
                    .as(event.getClass().getSimpleName()).isNotBlank()
                    .contains(event instanceof RunEvent.StepOutput output ? output.line() : event.run().id());
        }
        for (ScheduleNotice notice : ThreadSamples.notices("console", "output")) {
            assertThat(ConsoleRenderer.notice(notice, "@on-call")).as(notice.getClass().getSimpleName())
                    .isNotBlank().contains("S1 · thread-samples · fire " + notice.fire().id());
        }
    }

    @Test
    void aReminderReadsAsOnEveryPlatformAndSaysWhatToType() {
        RunEvent reminder = ThreadSamples.runEvents("console").get(2);
        assertThat(ConsoleRenderer.event(reminder, "@on-call", ThreadSamples.NOW.plus(Duration.ofMinutes(35))))
                .isEqualTo("⏰ @on-call R7 · step 1 'announce' has waited 35 min for an approval (awaiting approval),"
                        + " run started by alice. → type: approve · reject · abort R7\n");
    }
}
