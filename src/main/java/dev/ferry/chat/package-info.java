/**
 * The platform-free chat core: the command grammar, the dispatcher and its guard, replies and step views.
 * Uses runs, schedules, access, procedures and connector views; knows no chat library (those live in its sub-packages).
 */
package dev.ferry.chat;
