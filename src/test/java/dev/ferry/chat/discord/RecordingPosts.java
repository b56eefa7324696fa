package dev.ferry.chat.discord;

import dev.ferry.chat.thread.ThreadPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.components.MessageTopLevelComponentUnion;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/** A Discord that keeps every message Ferry posts and edits, as people would see them; it can be made unreachable. */
final class RecordingPosts implements DiscordThreadPort.Posts {

    /**
     * One message as it stands now.
     *
     * @param mentionTypes what Discord may turn into a notification by itself (@everyone, any user, any role)
     * @param mentionRoles the roles it may notify besides
     */
    record Shown(String id, String channel, String thread, String content, List<MessageEmbed> embeds,
                 List<Button> buttons, List<String> files, int edits, Set<Message.MentionType> mentionTypes,
                 Set<String> mentionRoles) {

        String text() {
            StringBuilder out = new StringBuilder(content == null ? "" : content);
            for (MessageEmbed embed : embeds) {
                out.append('\n').append(embed.getTitle()).append('\n').append(embed.getDescription());
                embed.getFields().forEach(f -> out.append('\n').append(f.getName()).append(": ").append(f.getValue()));
                if (embed.getFooter() != null) {
                    out.append('\n').append(embed.getFooter().getText());
                }
            }
            return out.toString();
        }

        List<String> customIds() {
            return buttons.stream().map(Button::getCustomId).toList();
        }
    }

    private final Map<String, Shown> messages = new LinkedHashMap<>();
    private final Map<String, List<String>> history = new LinkedHashMap<>();
    private final Map<String, String> threads = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1_300_000_000_000_000_000L);
    private volatile boolean reachable = true;
    private volatile long postedAt;
    private final Semaphore posts = new Semaphore(0);

    @Override
    public synchronized String post(String channelId, String threadId, MessageCreateData message) {
        check("post");
        String id = String.valueOf(ids.incrementAndGet());
        messages.put(id, new Shown(id, channelId, threadId, message.getContent(), message.getEmbeds(),
                buttons(message.getComponents()), names(message.getFiles()), 0, message.getAllowedMentions(),
                message.getMentionedRoles()));
        history.computeIfAbsent(id, k -> new ArrayList<>()).add(messages.get(id).text());
        calls.add("post " + (threadId == null ? channelId : threadId));
        postedAt = System.nanoTime();
        posts.release();
        return id;
    }

    @Override
    public synchronized String openThread(String channelId, String messageId, String name) {
        check("openThread");
        String id = String.valueOf(ids.incrementAndGet());
        threads.put(id, name);
        calls.add("thread " + name);
        return id;
    }

    @Override
    public synchronized void edit(String channelId, String threadId, String messageId, MessageEditData message) {
        check("edit");
        Shown old = messages.get(messageId);
        if (old == null) {
            throw new ThreadPort.Gone("message " + messageId + " is not there");
        }
        messages.put(messageId, new Shown(messageId, old.channel(), old.thread(), message.getContent(),
                message.getEmbeds(), buttons(message.getComponents()), names(message.getFiles()), old.edits() + 1,
                message.getAllowedMentions(), message.getMentionedRoles()));
        history.computeIfAbsent(messageId, k -> new ArrayList<>()).add(messages.get(messageId).text());
        calls.add("edit " + messageId);
    }

    /** Every message, in the order they were first posted. */
    synchronized List<Shown> all() {
        return List.copyOf(messages.values());
    }

    synchronized List<Shown> inThread(String threadId) {
        return messages.values().stream().filter(m -> threadId.equals(m.thread())).toList();
    }

    synchronized List<Shown> inChannel(String channelId) {
        return messages.values().stream().filter(m -> m.thread() == null && channelId.equals(m.channel())).toList();
    }

    /** Every text the message showed, first to last. */
    synchronized List<String> history(String messageId) {
        return List.copyOf(history.getOrDefault(messageId, List.of()));
    }

    synchronized Map<String, String> threads() {
        return new LinkedHashMap<>(threads);
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized void delete(String messageId) {
        messages.remove(messageId);
    }

    void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** Waits for the next post (or one made since the last wait); false after {@code seconds}. */
    boolean awaitPost(int seconds) throws InterruptedException {
        return posts.tryAcquire(seconds, TimeUnit.SECONDS);
    }

    void forgetPosts() {
        posts.drainPermits();
    }

    /** {@link System#nanoTime()} of the latest post. */
    long postedAt() {
        return postedAt;
    }

    private void check(String call) {
        if (!reachable) {
            throw new ThreadPort.Unshown("Ferry is not connected to Discord (yet)");
        }
    }

    private static List<Button> buttons(List<MessageTopLevelComponentUnion> components) {
        return components.stream().flatMap(c -> c.asActionRow().getButtons().stream()).toList();
    }

    private static List<String> names(List<FileUpload> files) {
        return files.stream().map(FileUpload::getName).toList();
    }
}
