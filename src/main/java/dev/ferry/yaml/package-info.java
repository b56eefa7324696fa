/**
 * Strict YAML reading with file, line and field positions for every problem.
 * Uses Jackson only.
 */
package dev.ferry.yaml;
