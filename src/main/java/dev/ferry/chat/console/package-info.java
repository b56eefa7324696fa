/**
 * The console chat on this terminal: typed commands and button words, the default when no platform has a token.
 * Uses the chat core and the events of runs and schedules; prints, never logs, to the terminal.
 */
package dev.ferry.chat.console;
