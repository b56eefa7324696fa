/**
 * PowerShell over SSH on Apache MINA SSHD: host keys checked, key or password login, streamed output.
 * The only package that may use MINA SSHD.
 */
package dev.ferry.connector.ssh;
