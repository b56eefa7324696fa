/**
 * The Discord adapter on JDA: slash commands, buttons, forms, and the port that lays out run threads and schedule
 * notices for the chat core's presenter (dev.ferry.chat.thread).
 * The only package that may use JDA; uses the chat core, never the Slack adapter.
 */
package dev.ferry.chat.discord;
