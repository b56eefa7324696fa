package dev.ferry.chat.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.schedule.ScheduleNotice;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one presenter of schedule notices, against a recording platform. */
class ScheduleThreadsTest {

    private final ExecutorService posting = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        posting.shutdownNow();
    }

    @Test
    void aFiresFirstNoticeIsAChannelMessageAndItsLaterOnesGoToAThreadUnderIt() throws Exception {
        RecordingPort port = new RecordingPort(true, 100);
        ScheduleThreads threads = new ScheduleThreads(port, posting, 10);
        List<ScheduleNotice> notices = ThreadSamples.notices("slack", "x".repeat(500));
        notices.forEach(threads::on);
        for (long fire = 11; fire <= 15; fire++) {
            threads.settled(fire).get(10, TimeUnit.SECONDS);
        }

        // Late, Recovering, Skipped and Started each begin a fire of their own in the channel; Failed, whose fire had
        // no message yet, too.
        assertThat(port.calls()).filteredOn(c -> c.startsWith("post C-SCHEDULES")).hasSize(5);
        String thread = port.threads().entrySet().stream().filter(e -> e.getValue().endsWith("fire 14"))
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(port.in(thread)).extracting(m -> ((Shown.Notice) m.shown()).view().notice().getClass().getSimpleName())
                .containsExactly("Progress", "Succeeded");
        // Fire 15 failed with an output longer than a message: it goes to a thread under its message, as a file.
        assertThat(port.uploads()).singleElement().asString()
                .startsWith("S1-thread-samples-fire-15.log in ");
        assertThat(port.calls()).containsSubsequence("post C-SCHEDULES Notice", "thread S1 · thread-samples · fire 15",
                "upload S1-thread-samples-fire-15.log");
    }

    @Test
    void aFireWhoseMessageWasDeletedGoesOnInANewChannelMessage() throws Exception {
        RecordingPort port = new RecordingPort(false, 1000);
        ScheduleThreads threads = new ScheduleThreads(port, posting, 10);
        List<ScheduleNotice> notices = ThreadSamples.notices("slack", "x");
        threads.on(notices.get(3));
        threads.settled(14).get(10, TimeUnit.SECONDS);
        port.delete("M1");
        threads.on(notices.get(4));
        threads.settled(14).get(10, TimeUnit.SECONDS);
        assertThat(port.calls()).containsExactly("post C-SCHEDULES Notice", "post C-SCHEDULES Notice");

        // A platform that refuses costs the notice only; nothing is thrown back to the scheduler.
        port.refuse("ratelimited");
        threads.on(notices.get(5));
        threads.settled(14).get(10, TimeUnit.SECONDS);
        port.refuse(null);
        threads.on(notices.get(6));
        threads.settled(15).get(10, TimeUnit.SECONDS);
        assertThat(port.calls()).hasSize(3).last().isEqualTo("post C-SCHEDULES Notice");
    }
}
