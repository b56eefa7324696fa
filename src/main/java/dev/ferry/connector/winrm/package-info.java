/**
 * Ferry's WS-Management client: shells, commands, faults, Basic/NTLM/Kerberos and message encryption.
 * The only package that may use winrm-java's NTLM classes, Apache HttpClient 4 and the JDK's GSS-API.
 */
package dev.ferry.connector.winrm;
