package dev.ferry.connector;

import java.nio.file.Path;

/**
 * How a WinRM or SSH host is reached and logged in to. The credential is a reference, resolved when a script
 * runs; the secret itself is never part of the inventory.
 *
 * @param port       TCP port: WinRM 5986 (HTTPS) or 5985 (HTTP), SSH 22 unless configured
 * @param https      WinRM only: HTTPS (the default) or HTTP with message encryption
 * @param tls        WinRM over HTTPS only: how the server's certificate is checked
 * @param knownHosts SSH only: the known-hosts file the host key must be in
 * @param shell      SSH only: the PowerShell to start, {@code powershell.exe} or {@code pwsh}
 * @param delegate   WinRM with Kerberos only: the login delegates the user's credentials (a forwarded TGT) to
 *                   the host, for the second hop (Active Directory, a peer's share); the login fails if it cannot
 */
public record Endpoint(
        int port,
        Auth auth,
        String user,
        CredentialReference credential,
        boolean https,
        Tls tls,
        Path knownHosts,
        String shell,
        boolean delegate) {

    public Endpoint {
        tls = tls == null ? Tls.VERIFY : tls;
    }

    /** An endpoint whose login delegates nothing. */
    public Endpoint(int port, Auth auth, String user, CredentialReference credential, boolean https, Tls tls,
                    Path knownHosts, String shell) {
        this(port, auth, user, credential, https, tls, knownHosts, shell, false);
    }

    /**
     * How a WinRM HTTPS certificate is trusted. By default the JDK's trust store and a host-name check;
     * a pinned SHA-1 thumbprint (what Windows shows) or a trust store of the administrator's own CA replace that;
     * {@code trustAll} accepts any certificate and is logged loudly every time it is used.
     */
    public record Tls(String thumbprint, Path trustStore, CredentialReference trustStorePassword, boolean trustAll) {

        public static final Tls VERIFY = new Tls(null, null, null, false);

        public String describe() {
            if (trustAll) {
                return "trust-all (certificate NOT checked)";
            }
            if (thumbprint != null) {
                return "pinned thumbprint " + thumbprint;
            }
            return trustStore != null ? "trust store " + trustStore : "certificate checked against the JDK trust store";
        }
    }
}
