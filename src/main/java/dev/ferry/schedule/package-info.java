/**
 * Recurring scripts on Quartz (the daily GALSync update), their fires and notices, and step reminders.
 * The only package that may use Quartz; uses runs, connectors, procedures and access, never chat.
 */
package dev.ferry.schedule;
