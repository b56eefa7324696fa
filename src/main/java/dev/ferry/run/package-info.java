/**
 * The run engine: a run's state machine, committed before it is shown, and the step runner.
 * Uses procedures, connectors and access; knows no chat and no chat library.
 */
package dev.ferry.run;
