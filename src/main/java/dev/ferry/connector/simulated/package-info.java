/**
 * Hosts that exist only in Ferry: they record each script, answer as scripted, and can keep a journal.
 * Uses the connector package only.
 */
package dev.ferry.connector.simulated;
