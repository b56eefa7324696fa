package dev.ferry.chat.discord;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.FerryTest;
import dev.ferry.chat.CommandDispatcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What JDA really sends for Ferry, checked against a local fake of Discord's REST API on 127.0.0.1 (JDA's
 * {@link RestConfig} base URL points there; nothing leaves this machine): the login with the bot token, and the
 * /migrate command as Discord receives it when it is registered.
 */
@FerryTest
class DiscordRestContractTest {

    private static final String SELF = "1300000000000000077";
    private static final String GATEWAY = "ws://127.0.0.1:9/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CommandDispatcher dispatcher;

    private record Call(String method, String path, String authorization, String body) {
    }

    private final Logger jdaLog = (Logger) LoggerFactory.getLogger("net.dv8tion");
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer discord;
    private JDA jda;

    @BeforeEach
    void startFakeDiscord() throws IOException {
        // JDA reports at length that no gateway answers on 127.0.0.1:9; that is this test's design, not news.
        jdaLog.setLevel(Level.OFF);
        discord = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        discord.createContext("/api/v10/", this::answer);
        discord.start();
        jda = JDABuilder.createLight("ferry-test-token", EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(base()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return GATEWAY;  // nothing listens there: JDA never reaches Discord's gateway from a test
                    }
                })
                .setAutoReconnect(false)
                .build();
    }

    @AfterEach
    void stop() {
        if (jda != null) {
            jda.shutdownNow();
        }
        discord.stop(0);
        jdaLog.setLevel(null);
    }

    @Test
    void theBotLogsInWithItsTokenAndRegistersMigrateAsDiscordExpectsIt() throws Exception {
        jda.updateCommands().addCommands(MigrateCommand.data(dispatcher.lookups().verbs())).complete();

        assertThat(calls).extracting(Call::path).contains("/api/v10/users/@me");
        assertThat(calls).allSatisfy(call -> assertThat(call.authorization()).isEqualTo("Bot ferry-test-token"));
        Call put = calls.stream().filter(c -> c.method().equals("PUT")).findFirst().orElseThrow();
        assertThat(put.path()).isEqualTo("/api/v10/applications/" + SELF + "/commands");

        JsonNode commands = JSON.readTree(put.body());
        assertThat(commands).hasSize(1);
        JsonNode migrate = commands.get(0);
        assertThat(migrate.get("name").asText()).isEqualTo("migrate");
        assertThat(migrate.get("type").asInt()).isEqualTo(1);
        assertThat(migrate.get("contexts")).extracting(JsonNode::asInt).containsExactly(0);
        List<String> subcommands = names(migrate.get("options"));
        assertThat(subcommands).containsExactlyElementsOf(dispatcher.lookups().verbs());
        for (JsonNode sub : migrate.get("options")) {
            assertThat(sub.get("type").asInt()).as("subcommand %s", sub.get("name")).isEqualTo(1);
            assertThat(sub.get("description").asText().length()).isBetween(1, 100);
            boolean optionalSeen = false;
            for (JsonNode option : sub.path("options")) {
                assertThat(option.get("type").asInt()).isEqualTo(3);
                assertThat(option.get("name").asText()).matches("[a-z]{1,32}");
                assertThat(option.get("description").asText().length()).isBetween(1, 100);
                boolean required = option.path("required").asBoolean();
                assertThat(required && optionalSeen).as("required option after an optional one in %s",
                        sub.get("name")).isFalse();
                optionalSeen |= !required;
            }
        }
        JsonNode start = StreamSupport.stream(migrate.get("options").spliterator(), false)
                .filter(s -> s.get("name").asText().equals("start")).findFirst().orElseThrow();
        assertThat(start.get("options").get(0).get("name").asText()).isEqualTo("procedure");
        assertThat(start.get("options").get(0).get("autocomplete").asBoolean()).isTrue();
        assertThat(start.get("options").get(1).get("name").asText()).isEqualTo("parameters");
        assertThat(start.get("options").get(1).path("autocomplete").asBoolean()).isFalse();

        // /migrate audit run:<id>, the run offered while typing.
        JsonNode audit = StreamSupport.stream(migrate.get("options").spliterator(), false)
                .filter(s -> s.get("name").asText().equals("audit")).findFirst().orElseThrow();
        assertThat(audit.get("options")).singleElement().satisfies(run -> {
            assertThat(run.get("name").asText()).isEqualTo("run");
            assertThat(run.get("required").asBoolean()).isTrue();
            assertThat(run.get("autocomplete").asBoolean()).isTrue();
        });
    }

    @Test
    void verbsStillToComeAreRegisteredOnceTheDispatcherKnowsThem() throws Exception {
        List<String> later = new ArrayList<>(dispatcher.lookups().verbs());
        later.addAll(List.of("check", "schedule", "audit"));
        jda.updateCommands().addCommands(MigrateCommand.data(later)).complete();

        JsonNode migrate = JSON.readTree(calls.stream().filter(c -> c.method().equals("PUT")).findFirst()
                .orElseThrow().body()).get(0);
        assertThat(names(migrate.get("options"))).endsWith("hosts", "check", "schedule", "audit");
        assertThat(migrate.toString()).contains("\"name\":\"host\"", "\"autocomplete\":true", "\"name\":\"run-now\"");
    }

    @Test
    void theReadmesPermissionIntegerIsWhatARunNeeds() throws IOException {
        long permissions = Permission.getRaw(SlashCommands.RUN_PERMISSIONS);
        assertThat(permissions).isEqualTo(309237763072L);
        assertThat(Files.readString(Path.of("bot/discord/README.md")))
                .contains("permissions=" + permissions, "scope=bot+applications.commands");
    }

    private String base() {
        return "http://127.0.0.1:" + discord.getAddress().getPort() + "/api/v10/";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        String answer;
        int status = 200;
        if (path.endsWith("/users/@me")) {
            answer = "{\"id\":\"" + SELF + "\",\"username\":\"ferry\",\"discriminator\":\"0\",\"bot\":true,"
                    + "\"avatar\":null,\"verified\":true,\"mfa_enabled\":false,\"flags\":0}";
        } else if (path.endsWith("/commands") && exchange.getRequestMethod().equals("PUT")) {
            answer = "[]";
        } else {
            status = 404;
            answer = "{\"message\":\"Unknown\",\"code\":0}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get("name").asText()));
        return names;
    }
}
