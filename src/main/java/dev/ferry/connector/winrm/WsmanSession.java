package dev.ferry.connector.winrm;

import dev.ferry.connector.Auth;
import dev.ferry.connector.ConnectorException;
import dev.ferry.connector.ConnectorException.Stage;
import dev.ferry.connector.Endpoint;
import dev.ferry.connector.Host;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * HTTP(S) to one WinRM listener for the length of one shell: a {@link HttpClient} of its own, so that the
 * connection an NTLM or Kerberos login authenticated is the one the following requests use (HTTP/1.1, one
 * request at a time). Every failure becomes a {@link ConnectorException} that names the host, address, port,
 * transport and auth.
 */
final class WsmanSession {

    private static final Logger log = LoggerFactory.getLogger(WsmanSession.class);
    /** Added to a request's operation timeout: the listener answers w:TimedOut itself first. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(10);
    /** The most of an answer that is not SOAP shown in a message, tags removed. */
    private static final int BODY_LIMIT = 300;

    private final Host host;
    private final Endpoint endpoint;
    private final String secret;
    private final WinRmSettings settings;
    private final URI uri;
    private final CertificateTrust trust;
    private final HttpClient client;
    private final AtomicInteger roundTrips = new AtomicInteger();
    /** The connection's login, for NTLM and Kerberos: connection-based, so made again on a new connection. */
    private boolean loggedIn;
    /** Over HTTP: the login's message encryption. */
    private Sealing sealing;

    WsmanSession(Host host, String secret, WinRmSettings settings) {
        this.host = host;
        this.endpoint = host.requireEndpoint();
        this.secret = secret;
        this.settings = settings;
        this.uri = URI.create((endpoint.https() ? "https" : "http") + "://" + hostPart(host.address()) + ":"
                + endpoint.port() + "/wsman");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY);
        if (endpoint.https()) {
            this.trust = CertificateTrust.of(endpoint.tls(), host.name());
            builder.sslContext(trust.sslContext());
            if (endpoint.tls().trustAll()) {
                log.warn("TRUST-ALL: the certificate of WinRM host {} ({}) is NOT checked (tls.trustAll in"
                        + " config/hosts.yml). Anyone between Ferry and the host can read the password of {}."
                        + " Pin tls.thumbprint or name a trust store instead.", host.name(), uri, endpoint.user());
            }
        } else {
            this.trust = null;
        }
        this.client = builder.build();
    }

    private static String hostPart(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    URI uri() {
        return uri;
    }

    int roundTrips() {
        return roundTrips.get();
    }

    /** "winrm host ex-01 (ex01.corp.example.net:5986, https, ntlm as CORP\svc-ferry)" */
    String describe() {
        return "winrm host " + host.name() + " (" + host.address() + ":" + endpoint.port() + ", "
                + (endpoint.https() ? "https" : "http with message encryption") + ", " + endpoint.auth().word()
                + " as " + endpoint.user() + ")";
    }

    /** The account the session logs in as, e.g. CORP\svc-ferry. */
    String user() {
        return endpoint.user();
    }

    ConnectorException failure(Stage stage, String what) {
        return new ConnectorException(stage, describe() + ": " + what, null);
    }

    /** Sends one WS-Management request and returns the answer; a SOAP fault is thrown as such. */
    Document send(String action, String shellId, List<String[]> options, String body, Duration operationTimeout)
            throws InterruptedException, WsmanFaultException {
        String envelope = Wsman.envelope(uri.toString(), settings.maxEnvelopeSize(), iso(operationTimeout), action,
                shellId, options, body);
        HttpResponse<byte[]> response = exchange(envelope.getBytes(StandardCharsets.UTF_8),
                operationTimeout.plus(ANSWER_MARGIN), action);
        int status = response.statusCode();
        if (status == 401) {
            throw failure(Stage.LOGIN, "the login was refused (HTTP 401) for user " + endpoint.user() + " with auth "
                    + endpoint.auth().word() + "; check the account and its password (" + endpoint.credential()
                    + "), and that the listener allows " + endpoint.auth().word()
                    + " (winrm get winrm/config/service/auth)");
        }
        byte[] soap = response.body();
        if (sealing != null && soap.length > 0) {
            try {
                soap = sealing.unseal(soap);
            } catch (Exception e) {
                throw failure(Stage.RUN, "an encrypted answer (HTTP " + status + ") could not be read: " + e.getMessage());
            }
        }
        Document document = null;
        if (soap.length > 0) {
            try {
                document = Wsman.parse(soap);
            } catch (Exception e) {
                document = null;
            }
        }
        if (document != null) {
            Wsman.Fault fault = Wsman.Fault.of(document);
            if (fault != null) {
                throw new WsmanFaultException(fault);
            }
        }
        if (status == 403) {
            String text = bodyText(soap);
            throw failure(Stage.LOGIN, "access was refused (HTTP 403) to " + shortAction(action) + " for user "
                    + endpoint.user() + (text.isEmpty() ? "" : " (" + text + ")") + ": the account may not use"
                    + " WinRM on this host. Add it to the host's local Administrators or Remote Management Users"
                    + " group, or grant it Execute in WinRM's RootSDDL (winrm configSDDL default)");
        }
        if (status != 200 || document == null) {
            String text = bodyText(soap);
            throw failure(Stage.RUN, "the listener answered HTTP " + status + " to " + shortAction(action)
                    + (text.isEmpty() ? " with no body" : ": " + text));
        }
        return document;
    }

    /** An answer that is not SOAP, as text: tags removed, whitespace collapsed, bounded. */
    private static String bodyText(byte[] body) {
        return Wsman.excerpt(new String(body, StandardCharsets.UTF_8).replaceAll("<[^>]*>", " "), BODY_LIMIT);
    }

    private HttpResponse<byte[]> exchange(byte[] soap, Duration timeout, String action) throws InterruptedException {
        Auth auth = endpoint.auth();
        if (auth != Auth.BASIC && !loggedIn) {
            login();
        }
        HttpResponse<byte[]> response = post(soap, timeout, action);
        if (response.statusCode() == 401 && auth != Auth.BASIC) {
            // A connection-based login belongs to one connection: a new connection must log in again.
            log.debug("{}: HTTP 401 on an authenticated session, logging in again", describe());
            loggedIn = false;
            login();
            response = post(soap, timeout, action);
        }
        return response;
    }

    private HttpResponse<byte[]> post(byte[] soap, Duration timeout, String action) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        if (endpoint.auth() == Auth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((endpoint.user() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        byte[] body = soap;
        if (sealing != null) {
            try {
                body = sealing.seal(soap);
            } catch (Exception e) {
                throw failure(Stage.RUN, "the request could not be encrypted: " + e.getMessage());
            }
            request.header("Content-Type", sealing.contentType());
        } else {
            request.header("Content-Type", "application/soap+xml;charset=UTF-8");
        }
        return call(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), action);
    }

    /** NTLM or Kerberos on an empty request, as Windows clients do before the first encrypted message. */
    private void login() throws InterruptedException {
        if (endpoint.auth() == Auth.NTLM) {
            ntlmLogin();
        } else {
            kerberosLogin();
        }
        loggedIn = true;
    }

    private void ntlmLogin() throws InterruptedException {
        NtlmSecurity security = new NtlmSecurity(endpoint.user(), secret);
        try {
            HttpResponse<byte[]> challenge = call(empty().header("Authorization", security.negotiate()).build(), "login");
            Optional<String> offer = challenge.headers().allValues("WWW-Authenticate").stream()
                    .filter(v -> v.regionMatches(true, 0, "Negotiate ", 0, 10)).findFirst();
            if (challenge.statusCode() != 401 || offer.isEmpty()) {
                throw failure(Stage.LOGIN, "the listener gave no NTLM challenge (HTTP " + challenge.statusCode()
                        + ", WWW-Authenticate: " + challenge.headers().allValues("WWW-Authenticate")
                        + "); check that Negotiate is enabled (winrm get winrm/config/service/auth)");
            }
            HttpResponse<byte[]> done = call(empty().header("Authorization", security.authenticate(offer.get())).build(),
                    "login");
            if (done.statusCode() == 401) {
                throw failure(Stage.LOGIN, "the login was refused (HTTP 401) for user " + endpoint.user()
                        + " with auth ntlm; check the account and its password (" + endpoint.credential() + ")");
            }
        } catch (org.apache.http.auth.AuthenticationException e) {
            throw failure(Stage.LOGIN, "NTLM failed: " + e.getMessage());
        }
        sealing = endpoint.https() ? null : security;
    }

    private void kerberosLogin() throws InterruptedException {
        try {
            KerberosLogin kerberos = KerberosLogin.start(endpoint.user(), secret, host.address(), !endpoint.https(),
                    endpoint.delegate());
            HttpResponse<byte[]> done = call(empty().header("Authorization", kerberos.authorization()).build(), "login");
            if (done.statusCode() == 401) {
                throw failure(Stage.LOGIN, "the listener refused the Kerberos ticket of " + endpoint.user()
                        + " for HTTP/" + host.address() + " (HTTP 401); check that the address is the name the"
                        + " host's SPN has (its FQDN) and that Kerberos is enabled (winrm get winrm/config/service/auth)");
            }
            kerberos.complete(done.headers().firstValue("WWW-Authenticate").orElse(null));
            if (!endpoint.https() && !kerberos.established()) {
                throw failure(Stage.LOGIN, "the listener did not complete the Kerberos login (no mutual"
                        + " authentication), so messages cannot be encrypted");
            }
            sealing = endpoint.https() ? null : kerberos;
        } catch (KerberosLogin.DelegationRefused e) {
            throw failure(Stage.LOGIN, e.getMessage());
        } catch (javax.security.auth.login.LoginException | org.ietf.jgss.GSSException e) {
            throw failure(Stage.LOGIN, "Kerberos failed for user " + endpoint.user() + " and service HTTP/"
                    + host.address() + ": " + e.getMessage() + "; check the JDK's krb5 configuration (realm, KDC)"
                    + " and the account");
        }
    }

    private HttpRequest.Builder empty() {
        return HttpRequest.newBuilder(uri).timeout(settings.connectTimeout().plus(ANSWER_MARGIN))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> call(HttpRequest request, String action) throws InterruptedException {
        roundTrips.incrementAndGet();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw failure(Stage.CONNECT, "no connection within " + settings.connectTimeout().toSeconds()
                    + " s: the address answers nothing on port " + endpoint.port() + " (firewall? host down?)");
        } catch (HttpTimeoutException e) {
            throw failure(Stage.RUN, "no answer to " + shortAction(action) + " within " + request.timeout()
                    .map(Duration::toSeconds).orElse(0L) + " s; the connection was given up");
        } catch (IOException e) {
            throw translate(e, action);
        }
    }

    private ConnectorException translate(IOException e, String action) {
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            return failure(Stage.CONNECT, "the address " + host.address() + " does not resolve (DNS); check the"
                    + " address in config/hosts.yml and Ferry's DNS");
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            X509Certificate presented = trust == null ? null : trust.presented();
            String certificate = presented == null ? "no certificate was received"
                    : "the certificate presented has subject '" + presented.getSubjectX500Principal().getName()
                            + "', thumbprint (SHA-1) " + CertificateTrust.sha1(presented) + ", valid until "
                            + presented.getNotAfter().toInstant();
            return failure(Stage.CONNECT, "TLS failed (" + endpoint.tls().describe() + "): " + tls.getMessage() + "; "
                    + certificate + ". If that is your host's certificate, pin its thumbprint (tls.thumbprint) or"
                    + " put its CA in a trust store (tls.trustStore)");
        }
        if (e instanceof ConnectException || has(e, ConnectException.class)) {
            return failure(Stage.CONNECT, "the connection was refused: nothing listens on " + host.address() + ":"
                    + endpoint.port() + " (is the WinRM " + (endpoint.https() ? "HTTPS" : "HTTP")
                    + " listener there? connectors/windows/ in this project sets it up)");
        }
        return failure(Stage.RUN, "the connection was lost during " + shortAction(action)
                + (e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage().strip() + ")"));
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String shortAction(String action) {
        return action.substring(action.lastIndexOf('/') + 1);
    }

    static String iso(Duration duration) {
        long millis = Math.max(1000, duration.toMillis());
        return "PT" + (millis / 1000) + (millis % 1000 == 0 ? "" : "." + String.format("%03d", millis % 1000)) + "S";
    }
}
