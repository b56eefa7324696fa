package dev.ferry.chat;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/** Where a run's header and step messages stand on a platform: what an adapter edits when a step changes. */
public class MessageRefs {

    /** The step index under which a run's header message is kept. */
    public static final int HEADER = -1;

    private final JdbcClient jdbc;

    public MessageRefs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<MessageRef> find(String runId, int stepIndex, String platform) {
        return jdbc.sql("""
                        SELECT run_id, step_index, platform, channel, thread_ref, message_ref FROM chat_message
                         WHERE run_id = :runId AND step_index = :index AND platform = :platform""")
                .param("runId", runId).param("index", stepIndex).param("platform", platform)
                .query((rs, n) -> new MessageRef(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** Records a message, replacing what was recorded for the same run, step and platform. */
    @Transactional
    public void save(MessageRef ref) {
        int updated = jdbc.sql("""
                        UPDATE chat_message SET channel = :channel, thread_ref = :thread, message_ref = :message
                         WHERE run_id = :runId AND step_index = :index AND platform = :platform""")
                .param("channel", ref.channel()).param("thread", ref.threadRef()).param("message", ref.messageRef())
                .param("runId", ref.runId()).param("index", ref.stepIndex()).param("platform", ref.platform())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO chat_message (run_id, step_index, platform, channel, thread_ref, message_ref)
                            VALUES (:runId, :index, :platform, :channel, :thread, :message)""")
                    .param("runId", ref.runId()).param("index", ref.stepIndex()).param("platform", ref.platform())
                    .param("channel", ref.channel()).param("thread", ref.threadRef()).param("message", ref.messageRef())
                    .update();
        }
    }

    /**
     * @param channel    the platform's channel id
     * @param threadRef  the thread the message is in (Slack: the header's ts; Discord: the thread channel id)
     * @param messageRef the platform's id of the message (Slack ts, Discord message id)
     */
    public record MessageRef(String runId, int stepIndex, String platform, String channel, String threadRef,
                             String messageRef) {
    }
}
