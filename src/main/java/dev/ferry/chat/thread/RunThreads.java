package dev.ferry.chat.thread;

import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.MessageRefs.MessageRef;
import dev.ferry.chat.ReminderView;
import dev.ferry.chat.Reply;
import dev.ferry.chat.StepView;
import dev.ferry.chat.thread.ThreadPort.Content;
import dev.ferry.chat.thread.ThreadPort.Where;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunEventListener;
import dev.ferry.run.RunSnapshot;
import dev.ferry.run.StepRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the runs of one platform in their threads, the same way on every platform: a header in the channel the run
 * was started in, a thread under it, one message per step posted once and then edited in place as the step changes,
 * and a last line when the run ends. What is too long for a message (a script, an output, instructions) goes to the
 * thread as a file, once. A step that comes to wait for an approval calls the on-call group in a message of its own,
 * once per request (an edit notifies nobody); a step that waits too long gets a reminder (an escalation calls the
 * group). A running script's newest lines show in its message, at most one edit per step every so often.
 *
 * <p>Events arrive on the engine's threads right after their commit; the platform's calls happen on {@code posting},
 * one run's in the order its events came, so a slow or unreachable platform never holds up a press or a script. A call
 * that fails costs only that message: the run's state is committed, and {@code /migrate resume} posts the current
 * step again. Where each message stands is kept in {@link MessageRefs}.
 */
public final class RunThreads implements RunEventListener {

    private static final Logger log = LoggerFactory.getLogger(RunThreads.class);

    private final ThreadPort port;
    private final MessageRefs refs;
    private final Clock clock;
    private final Lanes lanes;
    private final LiveOutput live;
    /** Per run, what its header shows now, so an unchanged header is not edited again. */
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    /** Message references of active runs, read from {@link MessageRefs} once: each event needs two of them. */
    private final Map<String, MessageRef> known = new ConcurrentHashMap<>();
    /** What is done once per run: files uploaded, approval requests called, the requester told of a refusal. */
    private final Set<String> once = ConcurrentHashMap.newKeySet();
    /** Runs whose current step gets a new message at the end of the thread the next time it is shown. */
    private final Set<String> reposts = ConcurrentHashMap.newKeySet();

    /**
     * @param posting     where the platform's calls are made
     * @param ticks       times the edits that show a running script's output
     * @param outputEvery how often such an edit is made at most, per step
     * @param outputLines how many of a running script's newest lines it shows
     * @param clock       how long a reminded step has waited is measured on it
     */
    public RunThreads(ThreadPort port, MessageRefs refs, Executor posting, ScheduledExecutorService ticks,
                      Duration outputEvery, int outputLines, Clock clock) {
        this.port = port;
        this.refs = refs;
        this.clock = clock;
        this.lanes = new Lanes(posting, port.platform(), "/migrate resume <run> posts its current step again");
        this.live = new LiveOutput(ticks, outputEvery, outputLines,
                (step, lines) -> lanes.run(step.run().id(), last -> showLive(step, lines)));
    }

    @Override
    public void on(RunEvent event) {
        if (!port.platform().equals(event.run().platform())) {
            return;
        }
        String runId = event.run().id();
        if (event instanceof RunEvent.StepOutput output) {
            live.output(output);
            return;
        }
        boolean repost = false;
        if (event instanceof RunEvent.StepChanged changed) {
            live.changed(changed);
            repost = reposts.remove(runId);
        }
        Duration waited = event instanceof RunEvent.StepReminder reminder
                ? Duration.between(reminder.waitingSince(), clock.instant()) : Duration.ZERO;
        boolean again = repost;
        lanes.run(runId, last -> show(event, last, again, waited));
    }

    /**
     * Runs a {@code /migrate resume} of {@code runId}: the step it shows again gets a new message at the end of the
     * thread, where people look (its old message loses its buttons), and a waiting approval is called again. The
     * same on every platform.
     *
     * @param runId the run the command names, or null when it names none (then nothing is reposted)
     */
    public <T> T resume(String runId, Supplier<T> command) {
        if (runId == null) {
            return command.get();
        }
        reposts.add(runId);
        try {
            return command.get();
        } finally {
            // The engine published the step during the command; a refused resume shows nothing to repost.
            reposts.remove(runId);
        }
    }

    /** Completes when everything queued so far for the run was tried; for tests and benchmarks. */
    public CompletableFuture<Void> settled(String runId) {
        return lanes.settled(runId);
    }

    /** Waits (bounded) until the messages of events already received are shown; before Ferry stops. */
    public void drain(Duration timeout) {
        lanes.drain(timeout);
    }

    /** @param last whether no later event of the run is waiting; only then is the header brought up to date */
    private void show(RunEvent event, boolean last, boolean repost, Duration waited) {
        RunSnapshot shown = snapshot(event);
        Optional<MessageRef> header = header(shown);
        if (header.isEmpty()) {
            return;
        }
        MessageRef thread = header.get();
        if (event instanceof RunEvent.StepChanged changed) {
            thread = step(changed, thread, repost);
        } else if (event instanceof RunEvent.StepReminder reminder) {
            port.post(where(thread), new Shown.Reminder(new ReminderView(reminder, waited)));
        }
        boolean ended = event instanceof RunEvent.RunEnded;
        if (last || ended) {
            refreshHeader(shown, thread);
        }
        if (ended) {
            String runId = shown.run().id();
            try {
                port.post(where(thread), new Shown.Ended(shown));
            } finally {
                forget(runId);
            }
        }
    }

    /** The run's header and thread, made now if it has none yet (a new run, or the platform was down then). */
    private Optional<MessageRef> header(RunSnapshot shown) {
        Run run = shown.run();
        MessageRef ref = ref(run.id(), MessageRefs.HEADER).orElse(null);
        if (ref != null && ref.threadRef() != null) {
            return Optional.of(ref);
        }
        String id;
        if (ref != null) {
            id = ref.messageRef();
        } else {
            try {
                id = port.post(new Where(run.channel(), null), new Shown.Header(shown));
            } catch (ThreadPort.Unshown | ThreadPort.Gone e) {
                if (once.add(run.id() + ":told")) {
                    port.cannotPost(run, e.getMessage());
                }
                return Optional.empty();
            }
        }
        String name = run.id() + " · " + shown.procedure().title();
        String thread;
        try {
            thread = port.openThread(run.channel(), id, name);
        } catch (ThreadPort.Gone e) {
            // The header was deleted: a new one carries the thread.
            log.info("The header of run {} is gone ({}); posting it again", run.id(), e.getMessage());
            id = port.post(new Where(run.channel(), null), new Shown.Header(shown));
            thread = port.openThread(run.channel(), id, name);
        }
        // One write per header: its message and its thread together.
        ref = new MessageRef(run.id(), MessageRefs.HEADER, port.platform(), run.channel(), thread, id);
        save(ref);
        headers.put(run.id(), headerKey(shown));
        return Optional.of(ref);
    }

    private void refreshHeader(RunSnapshot shown, MessageRef header) {
        String runId = shown.run().id();
        String key = headerKey(shown);
        if (key.equals(headers.get(runId))) {
            return;
        }
        try {
            port.edit(new Where(header.channel(), null), header.messageRef(), new Shown.Header(shown));
            headers.put(runId, key);
        } catch (ThreadPort.Gone | ThreadPort.Unshown e) {
            log.info("The header of run {} was not brought up to date ({})", runId, e.getMessage());
        }
    }

    /** Shows the step (edited, or posted when new, reposted or deleted); returns the header with its thread now. */
    private MessageRef step(RunEvent.StepChanged changed, MessageRef header, boolean repost) {
        StepView view = new StepView(changed);
        StepRecord record = changed.record();
        String runId = changed.run().id();
        Set<Content> inFiles = inFiles(view);
        Shown.Step message = new Shown.Step(view, null, inFiles);
        Optional<MessageRef> existing = ref(runId, record.index());
        boolean shown = false;
        if (existing.isPresent() && !repost) {
            try {
                port.edit(where(header), existing.get().messageRef(), message);
                shown = true;
            } catch (ThreadPort.Gone e) {
                log.info("The message of step {} of run {} is gone ({}); posting it again", record.index() + 1, runId,
                        e.getMessage());
            } catch (ThreadPort.Unshown e) {
                // The old message stays; /migrate resume shows the step again.
                log.info("The message of step {} of run {} was not edited ({})", record.index() + 1, runId,
                        e.getMessage());
                shown = true;
            }
        } else if (existing.isPresent()) {
            retire(header, existing.get(), view);
        }
        if (!shown) {
            String id;
            try {
                id = port.post(where(header), message);
            } catch (ThreadPort.Gone e) {
                log.info("The thread of run {} is gone ({}); opening a new one", runId, e.getMessage());
                save(new MessageRef(runId, MessageRefs.HEADER, port.platform(), header.channel(), null,
                        header.messageRef()));
                header = header(changed.after()).orElseThrow();
                id = port.post(where(header), message);
            }
            save(new MessageRef(runId, record.index(), port.platform(), header.channel(), header.threadRef(), id));
        }
        if (port.callsOnCall() && view.awaitingApproval()) {
            // Each request calls once: first asked, asked again (a new attempt or time), or shown again by resume.
            String request = runId + ":" + record.stepId() + ":approval:" + record.attempt() + ":" + record.startedAt();
            if (repost) {
                once.remove(request);
            }
            MessageRef thread = header;
            once(request, () -> port.post(where(thread), new Shown.ApprovalCall(view)));
        }
        String stem = runId + "-" + record.stepId();
        if (inFiles.contains(Content.INSTRUCTIONS)) {
            upload(header, runId + ":" + record.stepId() + ":instructions", new Reply.Attachment(
                    stem + "-instructions.txt", "text/plain", view.step().instructionText().orElse("")),
                    "Instructions of " + view.position());
        }
        if (inFiles.contains(Content.SCRIPT)) {
            upload(header, runId + ":" + record.stepId() + ":script", new Reply.Attachment(stem + ".ps1",
                    "text/plain", changed.script()), "Script of " + view.position());
        }
        if (inFiles.contains(Content.OUTPUT)) {
            upload(header, runId + ":" + record.stepId() + ":" + record.attempt(), new Reply.Attachment(
                    outputFile(view), "text/plain", record.output()),
                    "Output of " + view.position() + ", attempt " + record.attempt());
        }
        return header;
    }

    /** The name of the file a step's whole output goes to: "R3-stop-service-attempt-2.txt". */
    public static String outputFile(StepView view) {
        return view.event().run().id() + "-" + view.record().stepId() + "-attempt-" + view.record().attempt() + ".txt";
    }

    /** What of the step is too long for this platform's message. */
    private Set<Content> inFiles(StepView view) {
        Set<Content> inFiles = EnumSet.noneOf(Content.class);
        view.step().instructionText().filter(text -> !port.fits(Content.INSTRUCTIONS, text))
                .ifPresent(text -> inFiles.add(Content.INSTRUCTIONS));
        String script = view.event().script();
        if (script != null && !port.fits(Content.SCRIPT, script)) {
            inFiles.add(Content.SCRIPT);
        }
        String output = view.record().output();
        if (view.record().finishedAt() != null && output != null && !port.fits(Content.OUTPUT, output)) {
            inFiles.add(Content.OUTPUT);
        }
        return inFiles;
    }

    /** The old message of a step shown again takes its buttons off and points down to the new one. */
    private void retire(MessageRef header, MessageRef old, StepView view) {
        try {
            port.edit(where(header), old.messageRef(), new Shown.Retired(view));
        } catch (RuntimeException e) {
            log.info("Could not take the buttons off the old message of run {}: {}", view.event().run().id(),
                    e.getMessage());
        }
    }

    /** Shows a running script's newest lines in its step message (called in the run's lane). */
    private void showLive(RunEvent.StepChanged running, String lines) {
        if (!live.stillRuns(running)) {
            return;  // the step moved on; its own message shows the whole output
        }
        Optional<MessageRef> header = ref(running.run().id(), MessageRefs.HEADER);
        Optional<MessageRef> message = ref(running.run().id(), running.record().index());
        if (header.isPresent() && message.isPresent()) {
            StepView view = new StepView(running);
            port.edit(where(header.get()), message.get().messageRef(), new Shown.Step(view, lines, inFiles(view)));
        }
    }

    private void upload(MessageRef header, String key, Reply.Attachment file, String title) {
        once(key, () -> port.upload(where(header), file, title));
    }

    /** Does {@code call} unless it was done for {@code key}; a call the platform refused may be made again. */
    private void once(String key, Runnable call) {
        if (!once.add(key)) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            once.remove(key);
            throw e;
        }
    }

    private Optional<MessageRef> ref(String runId, int index) {
        MessageRef cached = known.get(runId + ":" + index);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<MessageRef> found = refs.find(runId, index, port.platform());
        found.ifPresent(ref -> known.put(runId + ":" + index, ref));
        return found;
    }

    private void save(MessageRef ref) {
        refs.save(ref);
        known.put(ref.runId() + ":" + ref.stepIndex(), ref);
    }

    private void forget(String runId) {
        headers.remove(runId);
        reposts.remove(runId);
        live.ended(runId);
        once.removeIf(key -> key.startsWith(runId + ":"));
        known.keySet().removeIf(key -> key.startsWith(runId + ":"));
    }

    private static Where where(MessageRef header) {
        return new Where(header.channel(), header.threadRef());
    }

    /** What a header shows that changes while a run goes on: its status, its progress and its current step. */
    private static String headerKey(RunSnapshot shown) {
        StepRecord current = shown.current();
        return shown.run().status() + " " + shown.settled() + "/" + shown.steps().size()
                + (current == null ? "" : " " + current.index() + " " + current.state());
    }

    /** The run as the event shows it, carried by the event: nothing is read back to show it. */
    private static RunSnapshot snapshot(RunEvent event) {
        if (event instanceof RunEvent.RunStarted started) {
            return started.started();
        }
        if (event instanceof RunEvent.StepChanged changed) {
            return changed.after();
        }
        if (event instanceof RunEvent.StepReminder reminder) {
            return reminder.now();
        }
        if (event instanceof RunEvent.RunEnded ended) {
            return ended.ended();
        }
        throw new IllegalArgumentException("no run thread shows " + event.getClass().getSimpleName());
    }
}
