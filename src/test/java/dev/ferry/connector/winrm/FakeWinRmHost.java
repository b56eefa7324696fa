package dev.ferry.connector.winrm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.ferry.connector.FakePowerShell;
import dev.ferry.connector.FakePowerShell.Drop;
import dev.ferry.connector.FakePowerShell.Event;
import dev.ferry.connector.FakePowerShell.Exit;
import dev.ferry.connector.FakePowerShell.Hang;
import dev.ferry.connector.FakePowerShell.Out;
import dev.ferry.connector.FakePowerShell.Pause;
import dev.ferry.connector.RemotePowerShell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.w3c.dom.Document;

/**
 * An in-process WinRM listener on 127.0.0.1 that speaks the Windows Remote Shell dialogue (Create, Command,
 * Receive, Signal, Delete) with answers shaped exactly like those recorded from real Windows hosts in public
 * test data, which these templates follow element for element:
 * <ul>
 * <li>CreateResponse, CommandResponse, ReceiveResponse (rsp:Stream with base64, rsp:CommandState with
 * rsp:ExitCode), SignalResponse, DeleteResponse: diyan/pywinrm {@code winrm/tests/conftest.py}
 * (open_shell_response, run_cmd_response, get_cmd_output_response, cleanup_cmd_response, close_shell_response);</li>
 * <li>the w:TimedOut fault with WSManFault Code 2150858793 from a Windows Server 2022 host, the
 * w:SchemaValidationError fault with WSManFault detail from a Server 2008 host, and the MSFT_WmiError detail
 * with error_Code 2150859174 (quota): diyan/pywinrm {@code winrm/tests/test_exceptions.py};</li>
 * <li>faults for an unknown ShellId and an unknown CommandId (both WSManFault 2150858843, w:InvalidSelectors,
 * the UnexpectedSelectors fault detail; only f:Message differs), w:AccessDenied with WSManFault code 5, the
 * Shell cmd plugin's f:ProviderFault, and a provider fault nested in the outer f:Message with WMI's
 * f:ExtendedError: the element layout of MS-WSMV's WSManFaultType (2.2.4.43) as Windows hosts send it, with
 * Windows' own message texts, as they appear in the WinRM clients' recorded tests;</li>
 * <li>retrying Receive on code 2150858793 as MS-WSMV 3.1.4.14 says: WinRb/WinRM
 * {@code lib/winrm/winrm_service.rb} (send_get_output_message) and cloudsoft/winrm4j's ShellCommand.</li>
 * </ul>
 * It is not PowerShell: it "runs" a script by reading a few directives out of it ({@link FakePowerShell}).
 * Auth: Basic, or NTLM with a per-connection context ({@link NtlmAcceptor}) and, over plain HTTP, WinRM
 * message encryption both ways. Faults can be injected, and the host can lose its shells (a service restart)
 * or its commands, after which it answers as Windows does.
 */
public final class FakeWinRmHost implements AutoCloseable {

    public enum Login { BASIC, NTLM, KERBEROS }

    public static final String USER = "CORP\\svc-ferry";

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on, which with delayed ACKs stalls every answer by
        // ~40 ms on loopback; HTTP.sys, which serves WinRM on Windows, sends at once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Login login;
    private final boolean https;
    private final String password;
    private final Map<String, Shell> shells = new ConcurrentHashMap<>();
    private final Map<String, NtlmAcceptor> ntlmByConnection = new ConcurrentHashMap<>();
    private final Map<String, KerberosAcceptor.Context> kerberosByConnection = new ConcurrentHashMap<>();
    private volatile KerberosAcceptor kerberos;
    private final List<String> principals = new CopyOnWriteArrayList<>();
    private final List<Integer> kerberosHeaders = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final List<String> commandLines = new CopyOnWriteArrayList<>();
    private final List<String> scripts = new CopyOnWriteArrayList<>();
    private final List<String> plainRequests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> nextFault = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Function<String, List<Event>> behaviour;

    private FakeWinRmHost(HttpServer server, Login login, boolean https, String password) {
        this.server = server;
        this.login = login;
        this.https = https;
        this.password = password;
        this.behaviour = script -> FakePowerShell.interpret(script, password);
        server.createContext("/wsman", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FakeWinRmHost https(SSLContext tls, Login login, String password) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new FakeWinRmHost(server, login, true, password);
    }

    public static FakeWinRmHost http(Login login, String password) throws IOException {
        return new FakeWinRmHost(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50), login, false, password);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The actions received, short names: Create, Command, Receive, Signal, Delete; "login" for NTLM legs. */
    public List<String> actions() {
        return List.copyOf(actions);
    }

    List<String> commandLines() {
        return List.copyOf(commandLines);
    }

    /** The PowerShell texts run, decoded from -EncodedCommand (after reading temporary files back). */
    public List<String> scripts() {
        return List.copyOf(scripts);
    }

    /** Request bodies as they crossed the wire (sealed ones stay sealed). */
    List<String> wire() {
        return List.copyOf(plainRequests);
    }

    int requests() {
        return requests.get();
    }

    public int openShells() {
        return shells.size();
    }

    /** For {@link Login#KERBEROS}: the service's keytab, from the test's KDC. */
    void kerberos(KerberosAcceptor acceptor) {
        this.kerberos = acceptor;
    }

    /** The lengths of the security headers of the Kerberos-encrypted requests received. */
    List<Integer> kerberosHeaders() {
        return List.copyOf(kerberosHeaders);
    }

    /** The Kerberos clients authenticated, e.g. svc-ferry@FERRYTEST.EXAMPLE. */
    List<String> principals() {
        return List.copyOf(principals);
    }

    public void behaviour(Function<String, List<Event>> behaviour) {
        this.behaviour = behaviour;
    }

    /**
     * The next request with this action (short name) gets {@code faultXml} with HTTP 500; {relatesTo} and
     * {shellId} in it become the request's MessageID and ShellId.
     */
    void failNext(String action, String faultXml) {
        failNext(action, 500, faultXml);
    }

    /** The next request with this action gets this HTTP status and body. */
    void failNext(String action, int status, String body) {
        nextFault.put(action, new Answer(status, body));
    }

    /** The WinRM service restarts: every shell and command is gone, and requests for them are answered so. */
    void restartService() {
        shells.values().forEach(shell -> shell.commands.values().forEach(c -> c.terminated = true));
        shells.clear();
    }

    /** The shells stay, but their commands end and the host forgets them, so their CommandIds are unknown. */
    void forgetCommands() {
        for (Shell shell : shells.values()) {
            shell.commands.values().forEach(c -> c.terminated = true);
            shell.commands.clear();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP and auth

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String connection = exchange.getRemoteAddress().toString();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            NtlmAcceptor ntlm = null;
            KerberosAcceptor.Context kerberosContext = null;
            if (login == Login.BASIC) {
                String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                        .getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(authorization)) {
                    reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Basic realm=\"WSMAN\""));
                    return;
                }
            } else if (login == Login.KERBEROS) {
                KerberosAcceptor.Context context = kerberosByConnection.get(connection);
                if (authorization != null && authorization.startsWith("Kerberos ")) {
                    actions.add("login");
                    context = kerberos.accept(Base64.getDecoder().decode(authorization.substring(9).trim()));
                    if (context == null) {
                        reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Kerberos"));
                        return;
                    }
                    kerberosByConnection.put(connection, context);
                    principals.add(context.client());
                    if (body.length == 0) {
                        reply(exchange, 200, "", new byte[0], context.reply() == null ? Map.of()
                                : Map.of("WWW-Authenticate", "Kerberos " + Base64.getEncoder().encodeToString(context.reply())));
                        return;
                    }
                }
                if (context == null) {
                    reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Kerberos"));
                    return;
                }
                kerberosContext = context;
            } else {
                ntlm = ntlmByConnection.get(connection);
                if (authorization != null && authorization.startsWith("Negotiate ")) {
                    actions.add("login");
                    byte[] token = Base64.getDecoder().decode(authorization.substring(10).trim());
                    if (NtlmAcceptor.type(token) == 1) {
                        ntlm = new NtlmAcceptor(USER, password);
                        ntlmByConnection.put(connection, ntlm);
                        reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Negotiate " + ntlm.challenge(token)));
                        return;
                    }
                    if (ntlm == null || !ntlm.authenticate(token)) {
                        ntlmByConnection.remove(connection);
                        reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Negotiate"));
                        return;
                    }
                    if (body.length == 0) {
                        reply(exchange, 200, "", new byte[0], Map.of());
                        return;
                    }
                }
                if (ntlm == null || !ntlm.authenticated()) {
                    reply(exchange, 401, "", new byte[0], Map.of("WWW-Authenticate", "Negotiate"));
                    return;
                }
            }
            plainRequests.add(new String(body, StandardCharsets.ISO_8859_1));
            String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            boolean sealed = contentType.startsWith("multipart/encrypted");
            if (sealed && !contentType.contains(login == Login.KERBEROS ? KERBEROS : SPNEGO)) {
                reply(exchange, 500, "", new byte[0], Map.of());
                return;
            }
            if (!https && login != Login.BASIC && !sealed) {
                // Windows refuses unencrypted messages on HTTP (AllowUnencrypted=false).
                reply(exchange, 500, "", new byte[0], Map.of());
                return;
            }
            byte[] soap = !sealed ? body : kerberosContext != null ? unsealKerberos(kerberosContext, body) : unseal(ntlm, body);
            Answer answer = answer(soap);
            if (answer == null) {
                return; // dropped: close without an answer
            }
            byte[] out = answer.xml().getBytes(StandardCharsets.UTF_8);
            if (sealed && kerberosContext != null) {
                reply(exchange, answer.status(), contentType, sealKerberos(kerberosContext, out), Map.of());
            } else if (sealed) {
                reply(exchange, answer.status(), contentType, seal(ntlm, out), Map.of());
            } else {
                reply(exchange, answer.status(), "application/soap+xml;charset=UTF-8", out, Map.of());
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, byte[] body,
                              Map<String, String> headers) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (!contentType.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** {header, data} of an encrypted message, checked against MS-WSMV 2.2.9.1's layout. */
    private static byte[][] parts(byte[] body, String protocol, int[] originalLength) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String head = "--Encrypted Boundary\r\n\tContent-Type: " + protocol + "\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=";
        String octets = "--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n";
        String end = "--Encrypted Boundary--\r\n";
        Matcher m = Pattern.compile(Pattern.quote(head) + "(\\d+)\r\n" + Pattern.quote(octets)).matcher(text);
        if (!m.lookingAt() || !text.endsWith(end)) {
            throw new IllegalStateException("not a WinRM encrypted message: " + text.substring(0, Math.min(200, text.length())));
        }
        originalLength[0] = Integer.parseInt(m.group(1));
        ByteBuffer part = ByteBuffer.wrap(body, m.end(), body.length - m.end()).order(ByteOrder.LITTLE_ENDIAN);
        byte[] header = new byte[part.getInt()];
        part.get(header);
        byte[] data = java.util.Arrays.copyOfRange(body, part.position(), body.length - end.length());
        return new byte[][] {header, data};
    }

    private static byte[] message(String protocol, int length, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--Encrypted Boundary\r\n\tContent-Type: " + protocol + "\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + length + "\r\n"
                + "--Encrypted Boundary\r\n\tContent-Type: application/octet-stream\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array());
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes("--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final String SPNEGO = "application/HTTP-SPNEGO-session-encrypted";
    private static final String KERBEROS = "application/HTTP-Kerberos-session-encrypted";

    private static byte[] unseal(NtlmAcceptor ntlm, byte[] body) throws Exception {
        int[] length = new int[1];
        byte[][] parts = parts(body, SPNEGO, length);
        byte[] plain = ntlm.unseal(parts[0], parts[1]);
        if (plain.length != length[0]) {
            throw new IllegalStateException("OriginalContent Length does not match");
        }
        return plain;
    }

    private static byte[] seal(NtlmAcceptor ntlm, byte[] plain) throws Exception {
        byte[][] sealed = ntlm.seal(plain);
        return message(SPNEGO, plain.length, sealed[0], sealed[1]);
    }

    /** The client's token goes to the JDK's acceptor as it came, header and data joined, rotation and all. */
    private byte[] unsealKerberos(KerberosAcceptor.Context context, byte[] body) throws Exception {
        int[] length = new int[1];
        byte[][] parts = parts(body, KERBEROS, length);
        kerberosHeaders.add(parts[0].length);
        byte[] plain = context.unwrap(NtlmAcceptor.concat(parts[0], parts[1]));
        if (plain.length != length[0] || parts[1].length != length[0]) {
            throw new IllegalStateException("the encrypted data is not as long as the original content");
        }
        return plain;
    }

    private static byte[] sealKerberos(KerberosAcceptor.Context context, byte[] plain) throws Exception {
        byte[][] wrapped = context.wrapLikeWindows(plain);
        return message(KERBEROS, plain.length, wrapped[0], wrapped[1]);
    }

    // ---------------------------------------------------------------- the shell

    private record Answer(int status, String xml) {
    }

    private static final class Shell {
        final Map<String, StringBuilder> files = new ConcurrentHashMap<>();
        final Map<String, Command> commands = new ConcurrentHashMap<>();
    }

    private static final class Command {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        volatile boolean terminated;
    }

    private Answer answer(byte[] soap) throws Exception {
        Document request = Wsman.parse(soap);
        String action = WsmanSession.shortAction(Wsman.text(request, Wsman.NS_ADDRESSING, "Action"));
        actions.add(action);
        String relatesTo = Wsman.text(request, Wsman.NS_ADDRESSING, "MessageID");
        String shellId = Wsman.elements(request, Wsman.NS_WSMAN, "Selector").stream()
                .filter(e -> "ShellId".equals(e.getAttribute("Name"))).map(e -> e.getTextContent().trim())
                .findFirst().orElse(null);
        Answer injected = nextFault.remove(action);
        if (injected != null) {
            return new Answer(injected.status(), injected.xml().replace("{relatesTo}", relatesTo)
                    .replace("{shellId}", String.valueOf(shellId)));
        }
        Shell shell = shellId == null ? null : shells.get(shellId);
        if (!action.equals("Create") && shell == null) {
            return new Answer(500, SHELL_NOT_FOUND.replace("{relatesTo}", relatesTo).replace("{shellId}", String.valueOf(shellId)));
        }
        switch (action) {
            case "Create" -> {
                String id = UUID.randomUUID().toString().toUpperCase();
                shells.put(id, new Shell());
                return new Answer(200, response(relatesTo, "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse",
                        "<x:ResourceCreated><a:Address>http://127.0.0.1:" + port() + "/wsman</a:Address>"
                                + "<a:ReferenceParameters><w:ResourceURI>" + Wsman.RESOURCE_CMD + "</w:ResourceURI>"
                                + "<w:SelectorSet><w:Selector Name=\"ShellId\">" + id + "</w:Selector></w:SelectorSet>"
                                + "</a:ReferenceParameters></x:ResourceCreated>"));
            }
            case "Command" -> {
                String command = Wsman.text(request, Wsman.NS_SHELL, "Command");
                String arguments = Wsman.text(request, Wsman.NS_SHELL, "Arguments");
                String line = arguments == null ? command : command + " " + arguments;
                commandLines.add(line);
                String id = UUID.randomUUID().toString().toUpperCase();
                Command started = new Command();
                shell.commands.put(id, started);
                threads.submit(() -> run(shell, line, started));
                return new Answer(200, response(relatesTo, Wsman.NS_SHELL + "/CommandResponse",
                        "<rsp:CommandResponse><rsp:CommandId>" + id + "</rsp:CommandId></rsp:CommandResponse>"));
            }
            case "Receive" -> {
                String commandId = Wsman.elements(request, Wsman.NS_SHELL, "DesiredStream").get(0).getAttribute("CommandId");
                Command command = shell.commands.get(commandId);
                if (command == null) {
                    return new Answer(500, COMMAND_NOT_FOUND.replace("{relatesTo}", relatesTo));
                }
                long timeout = parseSeconds(Wsman.text(request, Wsman.NS_WSMAN, "OperationTimeout"));
                return receive(relatesTo, commandId, command, timeout);
            }
            case "Signal" -> {
                String commandId = Wsman.elements(request, Wsman.NS_SHELL, "Signal").get(0).getAttribute("CommandId");
                Command command = shell.commands.remove(commandId);
                if (command == null) {
                    return new Answer(500, COMMAND_NOT_FOUND.replace("{relatesTo}", relatesTo));
                }
                command.terminated = true;
                return new Answer(200, response(relatesTo, Wsman.NS_SHELL + "/SignalResponse", "<rsp:SignalResponse/>"));
            }
            case "Delete" -> {
                shells.remove(shellId).commands.values().forEach(c -> c.terminated = true);
                return new Answer(200, response(relatesTo, "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse", ""));
            }
            default -> {
                return new Answer(500, fault(relatesTo, "w:ActionNotSupported", 2150858801L, "unknown action " + action));
            }
        }
    }

    private Answer receive(String relatesTo, String commandId, Command command, long timeoutMillis) throws Exception {
        StringBuilder streams = new StringBuilder();
        Event first = command.events.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (first == null) {
            return new Answer(500, TIMED_OUT.replace("{relatesTo}", relatesTo));
        }
        Integer exit = null;
        for (Event event = first; event != null; event = command.events.poll()) {
            if (event instanceof Drop) {
                return null;
            }
            if (event instanceof Out out) {
                streams.append("<rsp:Stream CommandId=\"").append(commandId).append("\" Name=\"")
                        .append(out.stderr() ? "stderr" : "stdout").append("\">")
                        .append(Base64.getEncoder().encodeToString(out.text().getBytes(StandardCharsets.UTF_8)))
                        .append("</rsp:Stream>");
            } else if (event instanceof Exit e) {
                exit = e.code();
                break;
            }
        }
        String state;
        if (exit != null) {
            streams.append("<rsp:Stream CommandId=\"").append(commandId).append("\" Name=\"stdout\" End=\"true\"/>")
                    .append("<rsp:Stream CommandId=\"").append(commandId).append("\" Name=\"stderr\" End=\"true\"/>");
            state = "<rsp:CommandState CommandId=\"" + commandId + "\" State=\"" + Wsman.STATE_DONE + "\">"
                    + "<rsp:ExitCode>" + exit + "</rsp:ExitCode></rsp:CommandState>";
        } else {
            state = "<rsp:CommandState CommandId=\"" + commandId + "\" State=\"" + Wsman.NS_SHELL
                    + "/CommandState/Running\"/>";
        }
        return new Answer(200, response(relatesTo, Wsman.NS_SHELL + "/ReceiveResponse",
                "<rsp:ReceiveResponse>" + streams + state + "</rsp:ReceiveResponse>"));
    }

    private static long parseSeconds(String iso) {
        Matcher m = Pattern.compile("PT([0-9.]+)S").matcher(iso == null ? "" : iso);
        return m.matches() ? (long) (Double.parseDouble(m.group(1)) * 1000) : 60_000;
    }

    /** Plays a command's events in real time onto its queue, as the host would produce them. */
    private void run(Shell shell, String line, Command command) {
        try {
            Matcher echo = Pattern.compile("echo (\\S+) >> \"%TEMP%\\\\([^\"]+)\"").matcher(line);
            if (echo.matches()) {
                shell.files.computeIfAbsent(echo.group(2), f -> new StringBuilder()).append(echo.group(1)).append(" \r\n");
                command.events.add(new Exit(0));
                return;
            }
            Matcher ps = Pattern.compile("powershell\\.exe -NoProfile -NonInteractive -EncodedCommand (\\S+)").matcher(line);
            if (!ps.matches()) {
                command.events.add(new Out(true, "'" + line + "' is not recognized as an internal or external command\r\n"));
                command.events.add(new Exit(1));
                return;
            }
            String script = RemotePowerShell.decode(ps.group(1));
            Matcher loader = Pattern.compile("Join-Path \\$env:TEMP '([^']+)'").matcher(script);
            if (loader.find()) {
                StringBuilder file = shell.files.remove(loader.group(1));
                script = RemotePowerShell.decode(file.toString().replaceAll("\\s", ""));
            }
            scripts.add(script);
            for (Event event : behaviour.apply(script)) {
                if (command.terminated) {
                    return;
                }
                if (event instanceof Pause p) {
                    Thread.sleep(p.millis());
                } else if (event instanceof Hang) {
                    while (!command.terminated) {
                        Thread.sleep(20);
                    }
                    return;
                } else {
                    command.events.add(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- recorded answer shapes

    private static String response(String relatesTo, String action, String body) {
        return "<?xml version=\"1.0\" ?>\n<s:Envelope xml:lang=\"en-US\" xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\" xmlns:rsp=\"" + Wsman.NS_SHELL + "\""
                + " xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""
                + " xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\"><s:Header>"
                + "<a:Action>" + action + "</a:Action><a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:RelatesTo>" + relatesTo + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String fault(String relatesTo, String subcode, long code, String message) {
        return "<s:Envelope xml:lang=\"en-US\" xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\">"
                + "<s:Header><a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>"
                + "<a:RelatesTo>" + relatesTo + "</a:RelatesTo></s:Header><s:Body><s:Fault>"
                + "<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>" + subcode + "</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\">" + message + "</s:Text></s:Reason>"
                + "<s:Detail><f:WSManFault xmlns:f=\"http://schemas.microsoft.com/wbem/wsman/1/wsmanfault\" Code=\"" + code
                + "\" Machine=\"winhost.ferrytest.example\"><f:Message>" + message + "</f:Message></f:WSManFault>"
                + "</s:Detail></s:Fault></s:Body></s:Envelope>";
    }

    /** pywinrm test_exceptions.py, test_wsman_fault_known_fault: recorded from a Windows Server 2022 host. */
    static final String TIMED_OUT = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" \
            xmlns:e="http://schemas.xmlsoap.org/ws/2004/08/eventing" xmlns:n="http://schemas.xmlsoap.org/ws/2004/09/enumeration" \
            xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:D7C4A9B1-9A18-4048-B346-248D62A6078D</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code>
                            <s:Value>s:Receiver</s:Value>
                            <s:Subcode>
                                <s:Value>w:TimedOut</s:Value>
                            </s:Subcode>
                        </s:Code>
                        <s:Reason>
                            <s:Text xml:lang="en-US">The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  </s:Text>
                        </s:Reason>
                        <s:Detail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858793" Machine="server2022.domain.test">
                                <f:Message>The WS-Management service cannot complete the operation within the time specified in OperationTimeout.  </f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /** pywinrm test_exceptions.py, test_wsman_fault_with_wsmanfault: from a Windows Server 2008 host. */
    static final String SCHEMA_VALIDATION_ERROR = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:EE71C444-1658-4B3F-916D-54CE43B68BC9</a:MessageID>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:SchemaValidationError</s:Value></s:Subcode></s:Code>
                        <s:Reason><s:Text xml:lang="">Reason text.</s:Text></s:Reason>
                        <s:Detail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858817" Machine="SERVER2008.domain.local">
                                <f:Message>Detail message.</f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /** pywinrm test_exceptions.py, test_wsman_fault_wmi_error_detail: error_Code 2150859174 is the quota. */
    static final String QUOTA = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:A832545B-9F5C-46AA-BB6A-5E4270D5E530</a:MessageID>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:InternalError</s:Value></s:Subcode></s:Code>
                        <s:Reason><s:Text xml:lang="en-US">Reason text. </s:Text></s:Reason>
                        <s:Detail>
                            <p:MSFT_WmiError b:IsCIM_Error="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xmlns:b="http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd" \
            xmlns:p="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/MSFT_WmiError" \
            xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xsi:type="p:MSFT_WmiError_Type">
                                <p:CIMStatusCode xsi:type="cim:cimUnsignedInt">27</p:CIMStatusCode>
                                <p:Message xsi:type="cim:cimString">WMI Message. </p:Message>
                                <p:MessageID xsi:type="cim:cimString">HRESULT 0x803381a6</p:MessageID>
                                <p:error_Category xsi:type="cim:cimUnsignedInt">30</p:error_Category>
                                <p:error_Code xsi:type="cim:cimUnsignedInt">2150859174</p:error_Code>
                                <p:error_Type xsi:type="cim:cimString">HRESULT</p:error_Type>
                                <p:error_WindowsErrorMessage xsi:type="cim:cimString">Windows Error message. </p:error_WindowsErrorMessage>
                            </p:MSFT_WmiError>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /**
     * The fault Windows answers a request for a ShellId it does not know (the service restarted, or the shell
     * passed its idle timeout): w:InvalidSelectors, WSManFault 2150858843 (0x8033805B), the generic reason, the
     * UnexpectedSelectors fault detail, and the message that names the ShellId, wrapped over lines as some
     * hosts send it.
     */
    static final String SHELL_NOT_FOUND = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" \
            xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:4C1F0B7E-2D55-4E0B-9A41-6E1B52C0D7A3</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code>
                            <s:Value>s:Sender</s:Value>
                            <s:Subcode>
                                <s:Value>w:InvalidSelectors</s:Value>
                            </s:Subcode>
                        </s:Code>
                        <s:Reason>
                            <s:Text xml:lang="en-US">The WS-Management service cannot process the request because the request contained invalid selectors for the
                                resource. </s:Text>
                        </s:Reason>
                        <s:Detail>
                            <w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors</w:FaultDetail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858843" Machine="winhost.ferrytest.example">
                                <f:Message>The request for the Windows Remote Shell with ShellId {shellId} failed because the shell was not found
                                    on the server. Possible causes are: the specified ShellId is incorrect or the shell no longer exists on the server. Provide the correct
                                    ShellId or create a new shell and retry the operation. </f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /**
     * What Windows answers a Receive or Signal for a CommandId the (live) shell does not know: the same code
     * 2150858843, subcode and reason as {@link #SHELL_NOT_FOUND}; only the message differs.
     */
    static final String COMMAND_NOT_FOUND = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" \
            xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:9E3D6A20-71B4-4F6C-8C0E-3B5A2F9D1E84</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code>
                            <s:Value>s:Sender</s:Value>
                            <s:Subcode>
                                <s:Value>w:InvalidSelectors</s:Value>
                            </s:Subcode>
                        </s:Code>
                        <s:Reason>
                            <s:Text xml:lang="en-US">The WS-Management service cannot process the request because the request contained invalid selectors for the resource. </s:Text>
                        </s:Reason>
                        <s:Detail>
                            <w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/UnexpectedSelectors</w:FaultDetail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150858843" Machine="winhost.ferrytest.example">
                                <f:Message>The Windows Remote Shell received a request to perform an operation on a command identifier that does not exist. \
            Either the command has completed execution or the client specified an invalid command identifier. </f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /**
     * A listener that authenticated the account but does not authorise it (not in Administrators or Remote
     * Management Users, nor in RootSDDL): HTTP 500 with w:AccessDenied and WSManFault code 5.
     */
    static final String ACCESS_DENIED = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:0B6E5C1D-8F2A-4D37-B9E4-75C3A1F02D68</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code>
                            <s:Value>s:Sender</s:Value>
                            <s:Subcode>
                                <s:Value>w:AccessDenied</s:Value>
                            </s:Subcode>
                        </s:Code>
                        <s:Reason>
                            <s:Text xml:lang="en-US">Access is denied. </s:Text>
                        </s:Reason>
                        <s:Detail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="5" Machine="winhost.ferrytest.example">
                                <f:Message>Access is denied. </f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /**
     * A provider's fault nested the way Windows nests them: the outer WSManFault's f:Message holds an
     * f:ProviderFault, which holds the provider's own WSManFault and an f:ExtendedError with WMI's
     * __ExtendedStatus fields. Only the inner f:Message says what happened.
     */
    static final String PROVIDER_FAULT = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:6A2F8C3B-0D4E-4B71-A5C9-2E8D7F1B3C60</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>w:InternalError</s:Value></s:Subcode></s:Code>
                        <s:Reason><s:Text xml:lang="en-US">The WS-Management service cannot process the request. The WMI service reported that the WMI provider could not perform the requested operation. </s:Text></s:Reason>
                        <s:Detail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150859010" Machine="winhost.ferrytest.example">
                                <f:Message>
                                    <f:ProviderFault provider="WMI Provider" path="%systemroot%\\system32\\WsmWmiPl.dll">
                                        <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="2150859010" Machine="WINHOST">
                                            <f:Message>The WS-Management service cannot process the request. The WMI service reported
                                                that the WMI provider could not perform the requested operation. </f:Message>
                                        </f:WSManFault>
                                        <f:ExtendedError>
                                            <p:__ExtendedStatus xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wmi/root/cimv2/__ExtendedStatus" \
            xmlns:cim="http://schemas.dmtf.org/wbem/wscim/1/common" xsi:type="p:__ExtendedStatus_Type">
                                                <p:Description>WDM specific return code: 4200</p:Description>
                                                <p:Operation>ExecQuery</p:Operation>
                                                <p:ParameterInfo>select * from Win32_Service</p:ParameterInfo>
                                                <p:ProviderName>WinMgmt</p:ProviderName>
                                                <p:StatusCode xsi:nil="true"/>
                                            </p:__ExtendedStatus>
                                        </f:ExtendedError>
                                    </f:ProviderFault>
                                </f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";

    /** The Shell cmd plugin's own fault, its text in f:ProviderFault (code 87, ERROR_INVALID_PARAMETER). */
    static final String PLUGIN_FAULT = """
            <s:Envelope xml:lang="en-US" xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">
                <s:Header>
                    <a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action>
                    <a:MessageID>uuid:D15B7E42-93A0-4C8F-B26D-0F4E9A3C5B17</a:MessageID>
                    <a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To>
                    <a:RelatesTo>{relatesTo}</a:RelatesTo>
                </s:Header>
                <s:Body>
                    <s:Fault>
                        <s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:InvalidParameter</s:Value></s:Subcode></s:Code>
                        <s:Reason><s:Text xml:lang="">The parameter is incorrect. </s:Text></s:Reason>
                        <s:Detail>
                            <w:FaultDetail>http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/InvalidValue</w:FaultDetail>
                            <f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="87" Machine="winhost.ferrytest.example">
                                <f:Message><f:ProviderFault provider="Shell cmd plugin" path="%systemroot%\\system32\\winrscmd.dll">The parameter is incorrect. </f:ProviderFault></f:Message>
                            </f:WSManFault>
                        </s:Detail>
                    </s:Fault>
                </s:Body>
            </s:Envelope>""";
}
