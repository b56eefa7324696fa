package dev.ferry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.FerryTest;
import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.console.ConsoleChat;
import dev.ferry.connector.simulated.SimulatedConnector;
import dev.ferry.procedure.ParameterBinder;
import dev.ferry.procedure.Procedure;
import dev.ferry.procedure.ProcedureCatalog;
import dev.ferry.run.Action;
import dev.ferry.run.Press;
import dev.ferry.run.Run;
import dev.ferry.run.RunEngine;
import dev.ferry.run.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A run that waits for a person gets one reminder in its thread, then one escalation to the on-call role; a step
 * that moves on starts afresh. Short durations stand in for the configured 30 minutes and 2 hours.
 */
@FerryTest
class RemindersTest {

    private static final Actor ALICE = new Actor("console", "alice", "alice");

    @Autowired
    RunEngine engine;
    @Autowired
    ProcedureCatalog catalog;
    @Autowired
    SimulatedConnector hosts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    CommandDispatcher dispatcher;

    private final List<RunEvent.StepReminder> reminders = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private ConsoleChat console;

    @BeforeEach
    void listen() {
        hosts.reset();
        engine.subscribe(event -> {
            if (event instanceof RunEvent.StepReminder reminder) {
                reminders.add(reminder);
            }
        });
        console = new ConsoleChat(dispatcher, "alice", new PrintStream(screen, true, StandardCharsets.UTF_8),
                java.nio.file.Path.of("target", "console-files"), () -> { }, false, "@mail-ops");
        engine.subscribe(console);
    }

    @AfterEach
    void settle() throws InterruptedException {
        engine.awaitIdle();
        engine.unsubscribe(console);
    }

    @Test
    void aWaitingStepIsRemindedOnceThenEscalatedOnceAndAMovedStepStartsAfresh() throws Exception {
        Reminders check = new Reminders(engine, jdbc, new ScheduleConfiguration.ReminderSettings(
                Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofMinutes(1)), clock);
        Procedure procedure = catalog.find("test-idempotent").orElseThrow();
        Run run = engine.start(procedure, new ParameterBinder(n -> true).bind(procedure, Map.of("server", "spe-ih-01")),
                ALICE, "console");

        assertThat(check.check()).as("nothing has waited 200 ms yet").isZero();
        Thread.sleep(300);
        assertThat(engine.waitingLongerThan(Duration.ofMillis(200)))
                .anySatisfy(w -> assertThat(w.run().id()).isEqualTo(run.id()));
        assertThat(check.check()).isEqualTo(1);
        assertThat(check.check()).as("reminded once only").isZero();
        Thread.sleep(400);
        assertThat(check.check()).isEqualTo(1);
        assertThat(check.check()).as("escalated once only").isZero();

        List<RunEvent.StepReminder> ofRun = reminders.stream().filter(r -> r.run().id().equals(run.id())).toList();
        assertThat(ofRun).extracting(RunEvent.StepReminder::escalate).containsExactly(false, true);
        assertThat(ofRun).allSatisfy(r -> assertThat(r.step().id()).isEqualTo("update-lists"));
        String printed = screen.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("⏰ " + run.id() + " · step 1 'update-lists' has waited ",
                "for a press (waiting), run started by alice. → type: run · skip · abort " + run.id());
        assertThat(printed).contains("⏰ @mail-ops " + run.id() + " · step 1 'update-lists'");

        assertThat(engine.press(new Press(run.id(), "update-lists", 1, Action.RUN, ALICE)).accepted()).isTrue();
        engine.awaitIdle();
        Thread.sleep(300);
        assertThat(check.check()).as("the next step waits afresh").isEqualTo(1);
        assertThat(reminders.get(reminders.size() - 1).step().id()).isEqualTo("move-things");
        engine.abort(run.id(), ALICE);
        assertThat(check.check()).as("an ended run needs nobody").isZero();
    }
}
