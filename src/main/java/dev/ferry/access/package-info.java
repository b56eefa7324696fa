/**
 * Who may do what (roles from chat identities, the two-person rule's identities) and the append-only audit trail.
 * Imports no other Ferry package: runs, schedules and chat ask it, it asks none of them.
 */
package dev.ferry.access;
