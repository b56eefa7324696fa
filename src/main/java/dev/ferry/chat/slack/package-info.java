/**
 * The Slack adapter on Bolt: Socket Mode or HTTP mode, slash commands, modals, and the chat core's run threads and
 * schedule notices in Block Kit ({@link dev.ferry.chat.slack.SlackThreadPort}).
 * The only package that may use Bolt, the servlet container and Tomcat; uses the chat core, never Discord.
 */
package dev.ferry.chat.slack;
