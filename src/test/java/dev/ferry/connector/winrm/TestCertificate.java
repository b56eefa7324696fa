package dev.ferry.connector.winrm;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate made for a test with the JDK's keytool, as a Windows admin makes one with
 * New-SelfSignedCertificate for a WinRM HTTPS listener: subject CN=winhost.ferrytest.example, SAN 127.0.0.1.
 */
public record TestCertificate(Path keyStore, Path trustStore, X509Certificate certificate, SSLContext serverContext) {

    public static final String PASSWORD = "changeit";

    public static TestCertificate create(Path directory) throws Exception {
        Path keyStore = directory.resolve("winrm-listener.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "winrm", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=winhost.ferrytest.example", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray());
        X509Certificate certificate = (X509Certificate) keys.getCertificate("winrm");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("winrm", certificate);
        Path trustStore = directory.resolve("winrm-trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return new TestCertificate(keyStore, trustStore, certificate, context);
    }
}
