package dev.ferry.chat.console;

import dev.ferry.access.Actor;
import dev.ferry.chat.CommandDispatcher;
import dev.ferry.chat.Reply;
import dev.ferry.chat.StepView;
import dev.ferry.run.Action;
import dev.ferry.run.RunEvent;
import dev.ferry.run.RunEventListener;
import dev.ferry.schedule.ScheduleNotice;
import dev.ferry.schedule.ScheduleNoticeListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded chat: commands typed on a terminal or piped in, the same grammar as Slack and Discord,
 * buttons typed as words ({@code run}, {@code done}, {@code skip}, {@code abort}, {@code retry},
 * {@code mark-done}, optionally followed by a run id). When input is piped, each line waits until the
 * steps it started have finished, so a whole migration can be scripted.
 */
public final class ConsoleChat implements RunEventListener, ScheduleNoticeListener {

    static final String PLATFORM = "console";
    private static final Pattern RUN_ID = Pattern.compile("[Rr]\\d+");
    private static final String CHANNEL = "console";

    private final CommandDispatcher dispatcher;
    private final PrintStream out;
    private final Path files;
    private final Idle idle;
    private final boolean echo;
    private final String onCall;
    /** The newest step message with buttons, per run: what a typed button presses. */
    private final Map<String, StepView> waiting = new ConcurrentHashMap<>();
    private volatile String focus;
    /** Who is typing; {@code as <name>} changes it, so one terminal can show the two-person rule. */
    private volatile Actor actor;

    /** Waits until no step started from this console is running. */
    @FunctionalInterface
    public interface Idle {
        void await() throws InterruptedException;
    }

    /**
     * @param files where files handed over in replies (audit trails) are saved
     * @param echo  whether to print each line read (piped input), so the output reads as a transcript
     */
    public ConsoleChat(CommandDispatcher dispatcher, String user, PrintStream out, Path files, Idle idle,
                       boolean echo) {
        this(dispatcher, user, out, files, idle, echo, "@on-call");
    }

    /** @param onCall how a failed schedule or an escalated reminder mentions the on-call role on this console */
    public ConsoleChat(CommandDispatcher dispatcher, String user, PrintStream out, Path files, Idle idle,
                       boolean echo, String onCall) {
        this.dispatcher = dispatcher;
        this.onCall = onCall;
        this.actor = new Actor(PLATFORM, user, user);
        this.out = out;
        this.files = files;
        this.idle = idle;
        this.echo = echo;
    }

    /** Reads lines until the input ends or "quit"; returns when it has. */
    public void serve(InputStream input) throws IOException, InterruptedException {
        print("Ferry console · you are " + actor + " · /migrate help lists the commands, quit leaves.\n");
        dispatcher.lookups().activeRunsNotice().ifPresent(reply -> print(ConsoleRenderer.reply(reply)
                + "(/migrate resume <run> shows a run's current step again)\n"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (echo) {
                print("> " + shown(text) + "\n");
            }
            if (text.equalsIgnoreCase("quit") || text.equalsIgnoreCase("exit")) {
                break;
            }
            Reply reply = handle(text);
            if (!(pressed(text) && !reply.error())) {
                // An accepted press shows itself in the step's own lines; only refusals need words.
                print(ConsoleRenderer.reply(reply));
            }
            save(reply);
            if (echo) {
                idle.await();
            }
        }
        idle.await();
        print("Ferry console closed. Runs and their state are kept; start Ferry again to go on.\n");
    }

    private String shown(String text) {
        String[] words = text.split("\\s+", 2);
        if (words[0].equalsIgnoreCase("/migrate") && words.length == 2) {
            return words[0] + " " + dispatcher.redact(words[1]);
        }
        return text;
    }

    private static boolean pressed(String text) {
        return Action.fromWord(text.split("\\s+")[0]).isPresent();
    }

    Reply handle(String text) {
        String[] words = text.split("\\s+");
        if (words[0].equalsIgnoreCase("/migrate")) {
            return dispatcher.dispatch(text.substring(words[0].length()), actor, CHANNEL);
        }
        if (words[0].equalsIgnoreCase("as") && words.length == 2) {
            actor = new Actor(PLATFORM, words[1], words[1]);
            List<String> roles = dispatcher.lookups().roles(actor);
            return Reply.info("You are now " + actor + " (" + (roles.isEmpty() ? "no role" : String.join(", ", roles))
                    + ").");
        }
        Optional<Action> action = Action.fromWord(words[0]);
        if (action.isPresent()) {
            boolean namesRun = words.length > 1 && RUN_ID.matcher(words[1]).matches();
            String runId = namesRun ? words[1].toUpperCase(Locale.ROOT) : focus;
            int reasonFrom = namesRun ? 2 : 1;
            String reason = words.length > reasonFrom
                    ? String.join(" ", Arrays.asList(words).subList(reasonFrom, words.length)) : null;
            if (reason == null || action.get() == Action.REJECT) {
                return press(action.get(), runId, reason);
            }
        }
        return Reply.error("Not a command: '" + text + "'. Commands start with /migrate (try /migrate help);"
                + " buttons are typed as words: run, done, skip, abort, retry, mark-done, approve, reject <reason>,"
                + " ask-again [run id]; 'as <name>' changes who is typing.");
    }

    private Reply press(Action action, String runId, String reason) {
        if (runId == null) {
            return Reply.error("No step is waiting in this console. Start a run with /migrate start, or name the run:"
                    + " " + action.word() + " R3.");
        }
        StepView view = waiting.get(runId);
        if (view == null) {
            return Reply.error("This console has not shown a step of " + runId + " yet; /migrate resume " + runId
                    + " posts its current step, then type the button.");
        }
        return dispatcher.press(view.buttonValue(), action.word(), actor, reason);
    }

    /** Files handed over in a reply are written to the files directory; the console says where. */
    private void save(Reply reply) throws IOException {
        for (Reply.Part part : reply.parts()) {
            if (part instanceof Reply.Attachment attachment) {
                Files.createDirectories(files);
                Path file = files.resolve(Path.of(attachment.filename()).getFileName());
                Files.writeString(file, attachment.content(), StandardCharsets.UTF_8);
                print("   saved " + file + " (" + attachment.content().lines().count() + " lines)\n");
            }
        }
    }

    @Override
    public void on(RunEvent event) {
        if (!PLATFORM.equals(event.run().platform())) {
            return;
        }
        if (event instanceof RunEvent.StepChanged changed) {
            StepView view = new StepView(changed);
            waiting.put(changed.run().id(), view);
            if (view.needsPerson()) {
                focus = changed.run().id();
            }
        } else if (event instanceof RunEvent.RunEnded ended) {
            waiting.remove(ended.run().id());
            if (ended.run().id().equals(focus)) {
                focus = null;
            }
        }
        print(ConsoleRenderer.event(event, onCall, Instant.now()));
    }

    /** Notices of schedules that post to this console (platform console). */
    @Override
    public void on(ScheduleNotice notice) {
        if (PLATFORM.equals(notice.schedule().platform())) {
            print(ConsoleRenderer.notice(notice, onCall));
        }
    }

    private void print(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }
}
