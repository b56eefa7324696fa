/**
 * Procedures as data: strict YAML to immutable records, parameter binding and step conditions.
 * Uses the yaml package; knows nothing of runs, hosts or chat.
 */
package dev.ferry.procedure;
