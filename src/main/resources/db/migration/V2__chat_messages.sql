-- Where each run's messages stand on a chat platform, so adapters edit them in place with the bot token
-- (Slack's response_url and Discord's interaction hooks expire). step_index -1 is the run's header.
CREATE TABLE chat_message (
    run_id       VARCHAR(32)  NOT NULL REFERENCES run (id),
    step_index   INTEGER      NOT NULL,
    platform     VARCHAR(16)  NOT NULL,
    channel      VARCHAR(256) NOT NULL,
    thread_ref   VARCHAR(256),
    message_ref  VARCHAR(256) NOT NULL,
    PRIMARY KEY (run_id, step_index, platform)
);
