/**
 * Ferry: ChatOps for Windows mail-infrastructure migrations. The application class lives here, and only it.
 * Every package below is a feature; docs/architecture.md draws how they depend on each other.
 */
package dev.ferry;
