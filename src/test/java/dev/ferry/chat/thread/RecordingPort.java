package dev.ferry.chat.thread;

import dev.ferry.chat.Reply;
import dev.ferry.run.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform that keeps what the presenter asked of it, as calls ("post C-RUNS/T1 Step", "edit 3 Header") and as
 * messages standing now; messages and threads can be deleted and the platform made to refuse, as real ones do.
 */
final class RecordingPort implements ThreadPort {

    /** A message as it stands: where, and the last thing shown in it. */
    record Message(String id, Where where, Shown shown) {
    }

    private final List<String> calls = new ArrayList<>();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, String> threads = new LinkedHashMap<>();
    private final List<String> uploads = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> told = new ArrayList<>();
    private volatile String refusal;
    private final boolean onCall;
    private final int limit;

    /** @param limit how many characters of anything fit in a message */
    RecordingPort(boolean onCall, int limit) {
        this.onCall = onCall;
        this.limit = limit;
    }

    @Override
    public String platform() {
        return "slack";
    }

    @Override
    public boolean fits(Content kind, String text) {
        return text.length() <= limit;
    }

    @Override
    public boolean callsOnCall() {
        return onCall;
    }

    @Override
    public synchronized String post(Where where, Shown shown) {
        refuseIfSet();
        if (where.thread() != null && !threads.containsKey(where.thread())) {
            throw new Gone("thread " + where.thread() + " is gone");
        }
        String id = "M" + ids.incrementAndGet();
        messages.put(id, new Message(id, where, shown));
        calls.add("post " + place(where) + " " + shown.getClass().getSimpleName());
        return id;
    }

    @Override
    public synchronized void edit(Where where, String messageId, Shown shown) {
        refuseIfSet();
        Message old = messages.get(messageId);
        if (old == null) {
            throw new Gone("message " + messageId + " is gone");
        }
        messages.put(messageId, new Message(messageId, old.where(), shown));
        calls.add("edit " + messageId + " " + shown.getClass().getSimpleName());
    }

    @Override
    public synchronized String openThread(String channel, String messageId, String name) {
        refuseIfSet();
        if (!messages.containsKey(messageId)) {
            throw new Gone("message " + messageId + " is gone");
        }
        String thread = "T" + ids.incrementAndGet();
        threads.put(thread, name);
        calls.add("thread " + name);
        return thread;
    }

    @Override
    public synchronized void upload(Where where, Reply.Attachment file, String title) {
        refuseIfSet();
        uploads.add(file.filename() + " in " + place(where));
        calls.add("upload " + file.filename());
    }

    @Override
    public synchronized void cannotPost(Run run, String reason) {
        told.add(run.requester().userId() + ": " + reason);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized Message message(String id) {
        return messages.get(id);
    }

    synchronized List<Message> in(String thread) {
        return messages.values().stream().filter(m -> thread.equals(m.where().thread())).toList();
    }

    synchronized Map<String, String> threads() {
        return new LinkedHashMap<>(threads);
    }

    synchronized List<String> uploads() {
        return List.copyOf(uploads);
    }

    synchronized List<String> told() {
        return List.copyOf(told);
    }

    synchronized void delete(String messageId) {
        messages.remove(messageId);
    }

    synchronized void deleteThread(String thread) {
        threads.remove(thread);
    }

    /** From now on every call is refused with this word; null: answered again. */
    void refuse(String word) {
        refusal = word;
    }

    private void refuseIfSet() {
        if (refusal != null) {
            throw new Unshown(refusal);
        }
    }

    private static String place(Where where) {
        return where.thread() == null ? where.channel() : where.thread();
    }
}
