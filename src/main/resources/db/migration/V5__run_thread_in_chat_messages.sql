-- A run's thread is where the chat platform keeps it: chat_message (V2) holds each platform's header, thread and
-- step messages. The run row never learnt it, so its thread_ref column goes.
ALTER TABLE run DROP COLUMN thread_ref;
