/**
 * The Discord adapter on JDA: slash commands, buttons, forms, run threads and schedule notices.
 * The only package that may use JDA; uses the chat core, never the Slack adapter.
 */
package dev.ferry.chat.discord;
