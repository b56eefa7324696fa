package dev.ferry.chat.discord;

import dev.ferry.chat.MessageRefs;
import dev.ferry.chat.MessageRefs.MessageRef;
import dev.ferry.chat.StepView;
import dev.ferry.connector.OutputListener;
import dev.ferry.run.Run;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunEventListener;
import dev.ferry.run.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the engine's events of Discord runs into their threads: the header and its thread when a run starts,
 * one message per step, posted once and then edited in place as the step changes, and the result at the end.
 * When a step comes to wait for an approval and an on-call role is configured, a short message below it mentions
 * that role; a step that waits too long gets a reminder in the thread (an escalation mentions the role too).
 * Events arrive on the engine's threads right after their commit; the Discord calls happen on
 * {@code workers}, one run's in the order its events came, so a slow or unreachable Discord never holds up a press
 * or a script.
 * A call that fails is logged and costs only that message: {@code /migrate resume} posts the current step again.
 */
final class RunThreads implements RunEventListener {

    static final String PLATFORM = "discord";
    private static final Logger log = LoggerFactory.getLogger(RunThreads.class);
    private static final int LIVE_LINES = 40;

    private final DiscordPosts posts;
    private final MessageRefs refs;
    private final PostQueues queues;
    private final ScheduledExecutorService timer;
    private final Duration outputEvery;
    /** The role mentioned when a step waits for an approval or a reminder escalates; null: nobody. */
    private final String onCallRole;
    private final Clock clock;
    /** Per run, the step whose script is running and the lines it printed so far. */
    private final Map<String, LiveStep> running = new ConcurrentHashMap<>();
    private final Set<String> reposts = ConcurrentHashMap.newKeySet();

    /**
     * @param outputEvery how long output lines are gathered before the step's message is edited to show them
     *                    (Discord allows about five edits per five seconds in a channel)
     * @param onCallRole  the role whose members are called when a step waits for an approval or a reminder
     *                    escalates, or empty
     * @param clock       how long a reminded step has waited is measured on it
     */
    RunThreads(DiscordPosts posts, MessageRefs refs, Executor workers, ScheduledExecutorService timer,
               Duration outputEvery, Optional<String> onCallRole, Clock clock) {
        this.posts = posts;
        this.refs = refs;
        this.queues = new PostQueues(workers);
        this.timer = timer;
        this.outputEvery = outputEvery;
        this.onCallRole = onCallRole.orElse(null);
        this.clock = clock;
    }

    @Override
    public void on(RunEvent event) {
        if (!PLATFORM.equals(event.run().platform())) {
            return;
        }
        String runId = event.run().id();
        if (event instanceof RunEvent.RunStarted started) {
            enqueue(runId, "the start", () -> header(started.run(), () -> StepMessages.header(started),
                    started.procedure().title()));
        } else if (event instanceof RunEvent.StepChanged changed) {
            boolean repost = reposts.remove(runId);
            if (changed.record().state() == StepState.EXECUTING) {
                running.put(runId, new LiveStep(changed));
            } else {
                running.remove(runId);
            }
            enqueue(runId, "step " + (changed.record().index() + 1), () -> showStep(changed, repost));
        } else if (event instanceof RunEvent.StepOutput output) {
            collect(output);
        } else if (event instanceof RunEvent.RunEnded ended) {
            running.remove(runId);
            enqueue(runId, "the end", () -> close(ended));
            queues.close(runId);
        } else if (event instanceof RunEvent.StepReminder reminder) {
            Duration waited = Duration.between(reminder.waitingSince(), clock.instant());
            enqueue(runId, "a reminder", () -> remind(reminder, waited));
        }
    }

    /** The next time the run's current step is shown, it gets a new message at the end of the thread. */
    void repostNext(String runId) {
        reposts.add(runId);
    }

    /** Withdraws {@link #repostNext} when the command did not show the step after all. */
    void keepPlace(String runId) {
        reposts.remove(runId);
    }

    /** Completes when everything queued so far for the run was tried; for tests and benchmarks. */
    CompletableFuture<Void> settled(String runId) {
        return queues.settled(runId);
    }

    private void enqueue(String runId, String what, Runnable work) {
        queues.enqueue(runId, () -> attempt(runId, what, work));
    }

    private static void attempt(String runId, String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Discord did not take {} of run {} ({}). The run goes on; /migrate resume {} posts its current"
                    + " step again.", what, runId, e.toString(), runId);
        }
    }

    /** The run's header and thread, made now if its start could not be shown (Discord was unreachable then). */
    private MessageRef header(Run run, Supplier<MessageCreateData> header, String title) {
        MessageRef ref = refs.find(run.id(), MessageRefs.HEADER, PLATFORM).orElse(null);
        if (ref == null) {
            String id = posts.post(run.channel(), null, header.get());
            ref = new MessageRef(run.id(), MessageRefs.HEADER, PLATFORM, run.channel(), null, id);
            refs.save(ref);
        }
        if (ref.threadRef() == null) {
            String thread;
            try {
                thread = posts.openThread(ref.channel(), ref.messageRef(), StepMessages.threadName(run, title));
            } catch (DiscordPosts.MessageGone e) {
                // The header was deleted: a new one carries the thread.
                String id = posts.post(run.channel(), null, header.get());
                ref = new MessageRef(run.id(), MessageRefs.HEADER, PLATFORM, run.channel(), null, id);
                thread = posts.openThread(ref.channel(), id, StepMessages.threadName(run, title));
            }
            ref = new MessageRef(run.id(), MessageRefs.HEADER, PLATFORM, ref.channel(), thread, ref.messageRef());
            refs.save(ref);
        }
        return ref;
    }

    private MessageRef thread(Run run) {
        return header(run, () -> StepMessages.header(run), run.procedureId());
    }

    private void showStep(RunEvent.StepChanged changed, boolean repost) {
        StepView view = new StepView(changed);
        MessageRef thread = placeStep(view, repost);
        if (onCallRole != null && view.awaitingApproval()) {
            // A message of its own, below the step's: an edit notifies nobody, and a request for approval is often
            // an edit (Run pressed on a step already shown). Each request calls once: first asked, asked again,
            // or shown again by /migrate resume.
            posts.post(thread.channel(), thread.threadRef(), StepMessages.approvalCall(view, onCallRole));
        }
    }

    /** Shows the step in its message (edited, or posted when new or reposted); returns the thread it is in. */
    private MessageRef placeStep(StepView view, boolean repost) {
        RunEvent.StepChanged changed = view.event();
        Run run = changed.run();
        int index = changed.record().index();
        MessageRef thread = thread(run);
        Optional<MessageRef> existing = refs.find(run.id(), index, PLATFORM);
        if (existing.isPresent()) {
            if (!repost) {
                try {
                    posts.edit(thread.channel(), thread.threadRef(), existing.get().messageRef(),
                            MessageEditData.fromCreateData(StepMessages.step(view, null)));
                    return thread;
                } catch (DiscordPosts.MessageGone e) {
                    log.info("The message of step {} of run {} is gone ({}); posting it again", index + 1, run.id(),
                            e.getMessage());
                }
            } else {
                retire(thread, existing.get(), view);
            }
        }
        String id;
        try {
            id = posts.post(thread.channel(), thread.threadRef(), StepMessages.step(view, null));
        } catch (DiscordPosts.MessageGone e) {
            log.info("The thread of run {} is gone ({}); opening a new one", run.id(), e.getMessage());
            refs.save(new MessageRef(run.id(), MessageRefs.HEADER, PLATFORM, thread.channel(), null,
                    thread.messageRef()));
            thread = thread(run);
            id = posts.post(thread.channel(), thread.threadRef(), StepMessages.step(view, null));
        }
        refs.save(new MessageRef(run.id(), index, PLATFORM, thread.channel(), thread.threadRef(), id));
        return thread;
    }

    /** The old message of a step shown again takes its buttons off and points down to the new one. */
    private void retire(MessageRef thread, MessageRef old, StepView view) {
        try {
            posts.edit(thread.channel(), thread.threadRef(), old.messageRef(), MessageEditData.fromCreateData(
                    StepMessages.plain(view.position() + " · " + view.step().title() + " — shown again below.")));
        } catch (RuntimeException e) {
            log.info("Could not take the buttons off the old message of run {}: {}", view.event().run().id(),
                    e.toString());
        }
    }

    /** A reminder below the step that waits, in the run's thread; an escalation calls the on-call role too. */
    private void remind(RunEvent.StepReminder reminder, Duration waited) {
        MessageRef thread = thread(reminder.run());
        posts.post(thread.channel(), thread.threadRef(),
                StepMessages.reminder(reminder, waited, reminder.escalate() ? onCallRole : null));
    }

    private void close(RunEvent.RunEnded ended) {
        Optional<MessageRef> header = refs.find(ended.run().id(), MessageRefs.HEADER, PLATFORM);
        if (header.isEmpty() || header.get().threadRef() == null) {
            return;
        }
        MessageRef ref = header.get();
        posts.edit(ref.channel(), null, ref.messageRef(), MessageEditData.fromCreateData(StepMessages.ended(ended)));
        posts.post(ref.channel(), ref.threadRef(), StepMessages.endLine(ended));
    }

    private void collect(RunEvent.StepOutput output) {
        String runId = output.run().id();
        LiveStep live = running.get(runId);
        if (live == null || !live.changed.step().id().equals(output.step().id())) {
            return;
        }
        synchronized (live.lines) {
            live.lines.addLast((output.stream() == OutputListener.Stream.STDERR ? "! " : "") + output.line());
            while (live.lines.size() > LIVE_LINES) {
                live.lines.removeFirst();
            }
        }
        if (live.scheduled.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> enqueue(runId, "the output of step " + (live.changed.record().index() + 1),
                        () -> showOutput(live)), outputEvery.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                live.scheduled.set(false);
            }
        }
    }

    private void showOutput(LiveStep live) {
        live.scheduled.set(false);
        RunEvent.StepChanged changed = live.changed;
        if (running.get(changed.run().id()) != live) {
            return;  // the step moved on; its own message shows the whole output
        }
        String lines;
        synchronized (live.lines) {
            lines = String.join("\n", live.lines);
        }
        Optional<MessageRef> message = refs.find(changed.run().id(), changed.record().index(), PLATFORM);
        if (message.isPresent()) {
            posts.edit(message.get().channel(), message.get().threadRef(), message.get().messageRef(),
                    MessageEditData.fromCreateData(StepMessages.step(new StepView(changed), lines)));
        }
    }

    private static final class LiveStep {
        final RunEvent.StepChanged changed;
        final Deque<String> lines = new ArrayDeque<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        LiveStep(RunEvent.StepChanged changed) {
            this.changed = changed;
        }
    }
}
