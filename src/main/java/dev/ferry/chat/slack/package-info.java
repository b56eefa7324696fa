/**
 * The Slack adapter on Bolt: Socket Mode or HTTP mode, slash commands, Block Kit messages, modals.
 * The only package that may use Bolt, the servlet container and Tomcat; uses the chat core, never Discord.
 */
package dev.ferry.chat.slack;
