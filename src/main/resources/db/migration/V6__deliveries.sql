-- The deliveries from chat platforms that Ferry has taken (Slack: a command's, press's or form's trigger_id;
-- Discord: an interaction's id), so that one delivered again (a retry, a replayed request) is acknowledged and
-- left alone. The primary key makes the claim one INSERT that exactly one Ferry instance wins. Rows older than
-- an hour are deleted a bounded batch at a time (chat.Deliveries); seen_at's index finds them.
CREATE TABLE chat_delivery (
    platform     VARCHAR(16)  NOT NULL,
    delivery_id  VARCHAR(255) NOT NULL,
    seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, delivery_id)
);

CREATE INDEX chat_delivery_seen ON chat_delivery (seen_at);
