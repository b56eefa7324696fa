package dev.ferry.chat.slack;

import dev.ferry.access.Actor;
import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.MessageRefs.MessageRef;
import dev.ferry.chat.StepView;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunEventListener;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Shows Slack runs in their threads: a header message in the channel the run was started in, then one message
 * per step in its thread, edited in place (chat.update with the bot token) as the step changes; long outputs
 * and scripts go to the thread as files, and a step that waits for an approval calls the on-call group with a
 * reply in the thread; a step that waits for a person too long gets a reminder there (an escalation calls the
 * on-call group). Events of one run are shown in order, one at a time, off the
 * engine's threads. Where each message stands is kept in {@link MessageRefs}; a message that could not be
 * posted (Slack down) has none, so {@code /migrate resume} posts it.
 */
final class RunThreads implements RunEventListener {

    private final MessageRefs refs;
    private final SlackApi api;
    private final StepMessages messages;
    private final Lanes lanes;
    private final RunningOutput running;
    /** The header each run shows now, so that an unchanged header is not edited again. */
    private final Map<String, String> shownHeaders = new ConcurrentHashMap<>();
    /**
     * What is done once per step: files uploaded (run:step:attempt, run:step:script) and approval requests
     * announced (run:step:approval:…), so that a re-shown step does not do them again.
     */
    private final Set<String> once = ConcurrentHashMap.newKeySet();
    /** Message references of active runs, read from {@link MessageRefs} once: each event needs two of them. */
    private final Map<String, MessageRef> known = new ConcurrentHashMap<>();
    /** Runs whose requester was told that the channel refused the run's messages. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    /**
     * @param ticks       schedules the edits that show a running script's output
     * @param outputEvery how often such an edit is made at most, per step
     * @param outputLines how many of the newest lines it shows
     */
    RunThreads(MessageRefs refs, SlackApi api, StepMessages messages, Executor posting,
               ScheduledExecutorService ticks, Duration outputEvery, int outputLines) {
        this.refs = refs;
        this.api = api;
        this.messages = messages;
        this.lanes = new Lanes(posting, "run", "/migrate resume <run> posts its messages again");
        this.running = new RunningOutput(ticks, outputEvery, outputLines,
                step -> lanes.run(step.run().id(), last -> showRunning(step)));
    }

    @Override
    public void on(RunEvent event) {
        if (!SlackCommands.PLATFORM.equals(event.run().platform())) {
            return;
        }
        if (event instanceof RunEvent.StepOutput output) {
            running.output(output);
            return;
        }
        if (event instanceof RunEvent.StepChanged changed) {
            running.changed(changed);
        }
        lanes.run(event.run().id(), last -> show(event, last));
    }

    /** Shows a running script's newest output lines in its step message (called in the run's lane). */
    private void showRunning(RunEvent.StepChanged withOutput) {
        if (!running.stillRuns(withOutput)) {
            return;
        }
        Optional<MessageRef> ref = ref(withOutput.run().id(), withOutput.record().index());
        if (ref.isPresent()) {
            StepMessages.Message message = messages.step(new StepView(withOutput), false,
                    StepMessages.scriptTooLong(withOutput.script()));
            api.update(ref.get().channel(), ref.get().messageRef(), message.text(), message.blocks());
        }
    }

    /** Waits (bounded) until the messages of events already received are shown; before Ferry stops. */
    void drain(Duration timeout) {
        lanes.drain(timeout);
    }

    /** @param last whether no later event of the run is waiting; only then is the header brought up to date */
    private void show(RunEvent event, boolean last) {
        Run run = event.run();
        RunSnapshot shown = shown(event);
        Optional<MessageRef> header = header(shown);
        if (header.isEmpty()) {
            return;
        }
        if (event instanceof RunEvent.StepChanged changed) {
            step(changed, header.get());
        }
        if (event instanceof RunEvent.StepReminder reminder) {
            api.post(header.get().channel(), header.get().threadRef(), messages.reminder(reminder, Instant.now()), null);
        }
        if (last || event instanceof RunEvent.RunEnded) {
            refreshHeader(shown, header.get());
        }
        if (event instanceof RunEvent.RunEnded) {
            shownHeaders.remove(run.id());
            once.removeIf(key -> key.startsWith(run.id() + ":"));
            told.remove(run.id());
            known.keySet().removeIf(key -> key.startsWith(run.id() + ":"));
        }
    }

    /** The run's header, posted now if it has none yet (a new run, or Slack was down when it started). */
    private Optional<MessageRef> header(RunSnapshot shown) {
        Run run = shown.run();
        Optional<MessageRef> found = ref(run.id(), MessageRefs.HEADER);
        if (found.isPresent()) {
            return found;
        }
        StepMessages.Message header = messages.header(shown);
        SlackApi.Result posted = api.post(run.channel(), null, header.text(), header.blocks());
        if (!posted.ok()) {
            tellRequester(run, posted.error());
            return Optional.empty();
        }
        MessageRef ref = new MessageRef(run.id(), MessageRefs.HEADER, SlackCommands.PLATFORM, run.channel(),
                posted.ts(), posted.ts());
        save(ref);
        shownHeaders.put(run.id(), key(header));
        return Optional.of(ref);
    }

    private void refreshHeader(RunSnapshot shown, MessageRef header) {
        String runId = shown.run().id();
        StepMessages.Message message = messages.header(shown);
        String key = key(message);
        if (key.equals(shownHeaders.get(runId))) {
            return;
        }
        if (api.update(header.channel(), header.messageRef(), message.text(), message.blocks()).ok()) {
            shownHeaders.put(runId, key);
        }
    }

    /** The run as the event shows it, carried by the event: nothing is read back to show it. */
    private static RunSnapshot shown(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            return started.started();
        }
        if (event instanceof RunEvent.StepChanged changed) {
            return changed.after();
        }
        if (event instanceof RunEvent.StepReminder reminder) {
            return reminder.now();
        }
        return ((RunEvent.RunEnded) event).ended();
    }

    private void step(RunEvent.StepChanged changed, MessageRef header) {
        StepView view = new StepView(changed);
        StepRecord record = changed.record();
        String runId = changed.run().id();
        boolean scriptInFile = StepMessages.scriptTooLong(changed.script());
        boolean outputInFile = record.finishedAt() != null && StepMessages.outputTooLong(record.output());
        StepMessages.Message message = messages.step(view, outputInFile, scriptInFile);
        Optional<MessageRef> ref = ref(runId, record.index());
        boolean shown = false;
        if (ref.isPresent()) {
            SlackApi.Result updated = api.update(ref.get().channel(), ref.get().messageRef(), message.text(),
                    message.blocks());
            // A deleted message is posted again; any other failure leaves the old one for /migrate resume.
            shown = updated.ok() || !"message_not_found".equals(updated.error());
        }
        if (!shown) {
            SlackApi.Result posted = api.post(header.channel(), header.threadRef(), message.text(), message.blocks());
            if (!posted.ok()) {
                return;
            }
            save(new MessageRef(runId, record.index(), SlackCommands.PLATFORM, header.channel(),
                    header.threadRef(), posted.ts()));
        }
        // Each request (the first, and each Ask again or Retry) calls the on-call group once.
        messages.approvalCall(view).ifPresent(call -> once(runId + ":" + record.stepId() + ":approval:"
                + record.attempt() + ":" + record.startedAt(), () -> api.post(header.channel(), header.threadRef(),
                call, null)));
        String name = runId + "-" + record.stepId();
        if (scriptInFile) {
            upload(header, runId + ":" + record.stepId() + ":script", name + ".ps1",
                    "Script of " + view.position(), changed.script());
        }
        if (outputInFile) {
            upload(header, runId + ":" + record.stepId() + ":" + record.attempt(),
                    name + "-attempt-" + record.attempt() + ".txt",
                    "Output of " + view.position() + ", attempt " + record.attempt(), record.output());
        }
    }

    private Optional<MessageRef> ref(String runId, int index) {
        MessageRef cached = known.get(runId + ":" + index);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<MessageRef> found = refs.find(runId, index, SlackCommands.PLATFORM);
        found.ifPresent(ref -> known.put(runId + ":" + index, ref));
        return found;
    }

    private void save(MessageRef ref) {
        refs.save(ref);
        known.put(ref.runId() + ":" + ref.stepIndex(), ref);
    }

    private void upload(MessageRef header, String key, String filename, String title, String content) {
        once(key, () -> api.upload(header.channel(), header.threadRef(), filename, title, content));
    }

    /** Does {@code call} unless it was done for {@code key}; a call Slack refused may be made again. */
    private void once(String key, Supplier<SlackApi.Result> call) {
        if (once.add(key) && !call.get().ok()) {
            once.remove(key);
        }
    }

    /**
     * The channel refused the header (most often: Ferry was not invited to it). The requester learns why in a
     * direct message from the app, once per run, since an ephemeral message needs the same channel.
     */
    private void tellRequester(Run run, String error) {
        Actor requester = run.requester();
        if (!told.add(run.id())) {
            return;
        }
        String text = "Run " + run.id() + " started, but Ferry could not post in <#" + run.channel() + "> (" + error
                + ")." + (error.equals("not_in_channel") || error.equals("channel_not_found")
                ? " Invite Ferry there with /invite @Ferry," : " When Slack answers again,")
                + " then type /migrate resume " + run.id() + " in that channel to post the run's messages.";
        api.post(requester.userId(), null, text, null);
    }

    private static String key(StepMessages.Message message) {
        return message.text() + "\n" + message.blocks();
    }
}
