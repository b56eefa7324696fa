/**
 * The one presenter of run threads and schedule notices for every chat platform: ordered delivery, live output,
 * file fallbacks, approval calls and reminders. Uses the chat core, runs and schedules; a platform plugs in through
 * {@link dev.ferry.chat.thread.ThreadPort} and knows nothing of the rest.
 */
package dev.ferry.chat.thread;
