package dev.ferry.chat.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Slack's Web API as far as Ferry uses it, on 127.0.0.1: records every call (chat.postMessage, chat.update,
 * chat.postEphemeral, views.open, the three steps of files.uploadV2, conversations.open, usergroups.list,
 * response URLs) and answers as Slack does, auth.test and apps.connections.open included. A method can be made
 * to fail, as when Slack is down.
 */
public final class FakeSlackApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The JDK's server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms for
        // the client's delayed ACK, which would be measured as Ferry's time.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /**
     * One call: the method (or "respond" for a response URL, "upload" for a file's bytes), its parameters, and
     * the ts of the message it posted or edited.
     */
    public record Call(String method, Map<String, String> params, String body, long nanoTime, String ts) {

        public String param(String name) {
            return params.get(name);
        }

        /** A parameter that holds JSON (blocks, view), or the JSON body of a response URL. */
        public JsonNode json(String name) {
            String text = name == null ? body : params.get(name);
            try {
                return text == null ? JSON.missingNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The blocks sent, as JSON text without Slack client's escapes (so {@code '} reads as {@code '}). */
        public String blocks() {
            return json("blocks").toString();
        }

        /** The text of an answer sent to a response URL. */
        public String answer() {
            return json(null).path("text").asText() + "\n" + json(null).path("blocks");
        }

        /** Everything sent, for contains-style assertions on the Block Kit that reached Slack. */
        public String text() {
            return params.isEmpty() || method.equals("respond") ? body : params.toString();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, List<String>> userGroups = new ConcurrentHashMap<>();
    private final List<Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);
    private final AtomicLong files = new AtomicLong();
    private volatile String socketModeUrl = "ws://127.0.0.1:9/";

    private FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FakeSlackApi start() {
        try {
            return new FakeSlackApi();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code ferry.slack.api-url} is set to. */
    public String apiUrl() {
        return base() + "/api/";
    }

    /** A response URL, as Slack puts in a command's payload. */
    public String responseUrl(String id) {
        return base() + "/respond/" + id;
    }

    public void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    /** From now on {@code method} answers {@code {"ok":false,"error":error}}. */
    public void fail(String method, String error) {
        failing.put(method, error);
    }

    /** From now on usergroups.list lists the group {@code id} with these members. */
    public void userGroup(String id, String... members) {
        userGroups.put(id, List.of(members));
    }

    public void recover() {
        failing.clear();
    }

    public void clear() {
        calls.clear();
    }

    public void onCall(Consumer<Call> listener) {
        listeners.add(listener);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Waits for a call of {@code method} that satisfies {@code test}; fails after {@code timeout}. */
    public Call await(String method, Predicate<Call> test, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Call call : calls) {
                if (call.method().equals(method) && test.test(call)) {
                    return call;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no " + method + " call as expected within " + timeout + "; calls: "
                + calls.stream().map(c -> c.method() + " " + c.text()).toList());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Map<String, String> params = type != null && type.startsWith("application/x-www-form-urlencoded")
                    ? form(body) : path.startsWith("/respond/") ? Map.of("response_url", base() + path) : Map.of();
            String method = path.startsWith("/api/") ? path.substring(5)
                    : path.startsWith("/respond/") ? "respond" : path.startsWith("/upload/") ? "upload" : path;
            long arrived = System.nanoTime();
            String answer = answer(method, params);
            JsonNode answered = answer.startsWith("{") ? JSON.readTree(answer) : JSON.missingNode();
            String ts = answered.path("ts").isMissingNode() ? null : answered.path("ts").asText();
            Call call = new Call(method, params, body, arrived, ts);
            calls.add(call);
            listeners.forEach(l -> l.accept(call));
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", method.equals("upload") ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private String answer(String method, Map<String, String> params) {
        String error = failing.get(method);
        if (error != null) {
            return "{\"ok\":false,\"error\":\"" + error + "\"}";
        }
        String channel = params.getOrDefault("channel", "C1");
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://ferry-test.slack.com/\",\"team\":\"Ferry test\","
                    + "\"user\":\"ferry\",\"team_id\":\"T1\",\"user_id\":\"UFERRY\",\"bot_id\":\"BFERRY\"}";
            case "chat.postMessage" -> {
                String next = nextTs();
                yield "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + next + "\",\"message\":{\"ts\":\""
                        + next + "\",\"text\":\"\"}}";
            }
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + params.get("ts") + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs() + "\"}";
            case "views.open" -> "{\"ok\":true,\"view\":{\"id\":\"V" + files.incrementAndGet() + "\",\"type\":\"modal\"}}";
            case "files.getUploadURLExternal" -> {
                String id = "F" + files.incrementAndGet();
                yield "{\"ok\":true,\"upload_url\":\"" + base() + "/upload/" + id + "\",\"file_id\":\"" + id + "\"}";
            }
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"output\"}]}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + params.getOrDefault("users", "")
                    + "\"}}";
            case "usergroups.list" -> userGroupsJson();
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            case "upload" -> "OK";
            case "respond" -> "ok";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
    }

    private String userGroupsJson() {
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        ArrayNode groups = answer.putArray("usergroups");
        userGroups.forEach((id, members) -> {
            ObjectNode group = groups.addObject().put("id", id).put("team_id", "T1")
                    .put("handle", id.toLowerCase()).put("name", id);
            members.forEach(group.putArray("users")::add);
        });
        return answer.toString();
    }

    private String nextTs() {
        long micros = ts.incrementAndGet();
        return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }
}
