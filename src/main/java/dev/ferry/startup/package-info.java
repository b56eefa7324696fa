/**
 * What Ferry says when it cannot start: one block naming what is wrong, where, and what to do.
 * Reads Spring's start-up failures and the environment, imports no other Ferry package, and nothing depends on it.
 */
package dev.ferry.startup;
