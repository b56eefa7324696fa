package dev.ferry.connector.winrm;

import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.Endpoint;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How a WinRM host's HTTPS certificate is trusted, and what it presented, so that a TLS failure can name the
 * certificate's subject and thumbprint. Checking is on unless a host says otherwise: the JDK's trust store with
 * a host-name check, an administrator's trust store (same checks), a pinned thumbprint, or — only when asked
 * for explicitly — nothing at all.
 */
final class CertificateTrust extends X509ExtendedTrustManager {

    private final Endpoint.Tls tls;
    private final X509ExtendedTrustManager delegate;
    private final AtomicReference<X509Certificate> presented = new AtomicReference<>();

    private CertificateTrust(Endpoint.Tls tls, X509ExtendedTrustManager delegate) {
        this.tls = tls;
        this.delegate = delegate;
    }

    static CertificateTrust of(Endpoint.Tls tls, String hostName) {
        if (tls.trustAll() || tls.thumbprint() != null) {
            return new CertificateTrust(tls, null);
        }
        try {
            KeyStore store = null;
            if (tls.trustStore() != null) {
                char[] password = tls.trustStorePassword() == null ? null
                        : tls.trustStorePassword().resolve(hostName).toCharArray();
                store = KeyStore.getInstance(tls.trustStore().toFile(), password);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return new CertificateTrust(tls, extended);
                }
            }
            throw new IllegalStateException("the JDK offers no X509 trust manager");
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new ConnectorException(ConnectorException.Stage.CONNECT, "host " + hostName + ": the trust store "
                    + tls.trustStore() + " cannot be read (" + e.getMessage() + ")", null);
        }
    }

    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server certificate of the last handshake, if one got that far. */
    X509Certificate presented() {
        return presented.get();
    }

    static String sha1(X509Certificate certificate) {
        return digest("SHA-1", certificate);
    }

    static String sha256(X509Certificate certificate) {
        return digest("SHA-256", certificate);
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm)
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        presented.set(chain[0]);
        if (tls.trustAll()) {
            return;
        }
        if (tls.thumbprint() != null) {
            String pin = tls.thumbprint();
            if (!pin.equals(sha1(chain[0])) && !pin.equals(sha256(chain[0]))) {
                throw new CertificateException("the certificate's thumbprint is not the pinned " + pin);
            }
            return;
        }
        if (engine != null) {
            delegate.checkServerTrusted(chain, authType, engine);
        } else if (socket != null) {
            delegate.checkServerTrusted(chain, authType, socket);
        } else {
            delegate.checkServerTrusted(chain, authType);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, null, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Ferry does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("Ferry does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("Ferry does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate == null ? new X509Certificate[0] : ((X509TrustManager) delegate).getAcceptedIssuers();
    }

}
