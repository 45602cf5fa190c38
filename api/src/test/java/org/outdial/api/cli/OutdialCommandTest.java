package org.outdial.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.api.OutdialServer;
import org.outdial.api.TestApi;
import org.outdial.api.config.ConfigLoader;
import org.outdial.api.config.OutdialConfig;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;

class OutdialCommandTest {

    /** What one command line did. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = OutdialCommand.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Path configFile(Path dir) throws Exception {
        Path file = dir.resolve("outdial.yaml");
        Files.writeString(file, """
                http:
                  port: 0
                  bind-address: 127.0.0.1
                storage:
                  url: jdbc:h2:file:%s/db/outdial
                """.formatted(dir.toAbsolutePath()));
        return file;
    }

    @Test
    void keysCreatePrintsOnlyAKeyThatAServerOnTheSameDatabaseAccepts(@TempDir Path dir) throws Exception {
        Path config = configFile(dir);

        Run created = run(Map.of(), "keys", "create", "--config", config.toString(), "--name", "ci");

        assertEquals(0, created.exitCode(), created.err());
        String key = created.out().strip();
        assertTrue(key.matches("[A-Za-z0-9_-]{43}"), created.out());
        assertEquals(key + System.lineSeparator(), created.out(), "nothing but the key on stdout");

        RouteGroup whoAmI = router -> router.post("/test/caller", request -> Response.success(request.caller().keyName()));
        OutdialConfig settings = ConfigLoader.load(config, Map.of());
        try (OutdialServer server = OutdialServer.start(settings, InstantSource.system(), List.of(whoAmI))) {
            TestApi api = new TestApi(server.port());
            HttpResponse<String> response = api.postJson("/test/caller", key, "{}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"status\":\"Success\",\"message\":\"ci\"}", response.body());
            assertEquals(401, api.postJson("/test/caller", key + "x", "{}").statusCode());
        }
    }

    @Test
    void keysListShowsTheKeysAndRevokeRemovesOne(@TempDir Path dir) throws Exception {
        String config = configFile(dir).toString();
        run(Map.of(), "keys", "create", "--config", config, "--name", "first");
        run(Map.of(), "keys", "create", "--config", config, "--name", "second");

        Run listed = run(Map.of(), "keys", "list", "--config", config);
        assertEquals(0, listed.exitCode(), listed.err());
        List<String> lines = listed.out().lines().toList();
        assertEquals(2, lines.size(), listed.out());
        assertTrue(lines.get(0).startsWith("1\t") && lines.get(0).endsWith("\tfirst"), lines.get(0));

        assertEquals(0, run(Map.of(), "keys", "revoke", "1", "--config", config).exitCode());
        assertEquals(1, run(Map.of(), "keys", "list", "--config", config).out().lines().count());

        Run again = run(Map.of(), "keys", "revoke", "1", "--config", config);
        assertEquals(1, again.exitCode());
        assertEquals("outdial: no API key with id 1" + System.lineSeparator(), again.err());
    }

    @Test
    void keysWebhookCreatesATokenTheIncomingWebhookAcceptsAndRevokeEndsIt(@TempDir Path dir) throws Exception {
        String config = configFile(dir).toString();

        Run created = run(Map.of(), "keys", "webhook", "create", "--config", config, "--name", "crm");

        assertEquals(0, created.exitCode(), created.err());
        String token = created.out().strip();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), created.out());
        assertEquals(token + System.lineSeparator(), created.out(), "nothing but the token on stdout");
        Run listed = run(Map.of(), "keys", "webhook", "list", "--config", config);
        assertEquals(0, listed.exitCode(), listed.err());
        List<String> lines = listed.out().lines().toList();
        assertEquals(1, lines.size(), listed.out());
        assertTrue(lines.get(0).startsWith("1\t") && lines.get(0).endsWith("\tcrm"), lines.get(0));
        assertEquals("", run(Map.of(), "keys", "list", "--config", config).out(), "a webhook token is no API key");

        // Past the token check, a link without an action is refused for its action.
        String link = "/tracking/webhook/event?token=" + token;
        OutdialConfig settings = ConfigLoader.load(Path.of(config), Map.of());
        try (OutdialServer server = OutdialServer.start(settings, InstantSource.system(), List.of())) {
            TestApi api = new TestApi(server.port());
            HttpResponse<String> accepted = api.post(link, null, null, "");
            assertEquals(400, accepted.statusCode(), accepted.body());
            assertEquals("{\"status\":\"Error\",\"message\":\"Action not found\"}", accepted.body());
            assertEquals(401, api.postJson("/api/webhookTokens/action", token, "{\"action\":\"GET_LIST\"}").statusCode(),
                    "a webhook token does not work as an API key");
        }

        assertEquals(0, run(Map.of(), "keys", "webhook", "revoke", "1", "--config", config).exitCode());
        assertEquals("", run(Map.of(), "keys", "webhook", "list", "--config", config).out());
        try (OutdialServer server = OutdialServer.start(settings, InstantSource.system(), List.of())) {
            HttpResponse<String> refused = new TestApi(server.port()).post(link, null, null, "");
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("{\"status\":\"Error\",\"message\":\"Token not found\"}", refused.body());
        }
        Run again = run(Map.of(), "keys", "webhook", "revoke", "1", "--config", config);
        assertEquals(1, again.exitCode());
        assertEquals("outdial: no webhook token with id 1" + System.lineSeparator(), again.err());
    }

    @Test
    void aBadConfigurationIsOneLineAndExitCode1(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "http:\n  port: 70000\n");

        Run result = run(Map.of(), "serve", "--config", config.toString());

        assertEquals(1, result.exitCode());
        assertEquals("outdial: configuration error: http.port must be 0..65535, was 70000" + System.lineSeparator(),
                result.err());
        assertEquals("", result.out());
    }

    @Test
    void theEnvironmentReachesTheConfiguration(@TempDir Path dir) throws Exception {
        Run result = run(Map.of("OUTDIAL_HTTP_PORT", "-5"), "keys", "list", "--config", configFile(dir).toString());

        assertEquals(1, result.exitCode());
        assertEquals("outdial: configuration error: http.port must be 0..65535, was -5" + System.lineSeparator(),
                result.err());
    }

    @Test
    void aMissingConfigurationFileIsNamed(@TempDir Path dir) {
        Run result = run(Map.of(), "keys", "create", "--name", "x", "--config", dir.resolve("none.yaml").toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("outdial: configuration error: configuration file "), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void wrongUsageExitsWith2() {
        assertEquals(2, run(Map.of(), "nonsense").exitCode());
        assertEquals(2, run(Map.of(), "keys", "create").exitCode(), "--name is required");
        assertEquals(2, run(Map.of()).exitCode(), "a command is required");
        assertEquals(2, run(Map.of(), "keys").exitCode(), "keys needs create, list or revoke");
    }

    @Test
    void anInvalidKeyNameIsOneLine(@TempDir Path dir) throws Exception {
        Run result = run(Map.of(), "keys", "create", "--name", " ", "--config", configFile(dir).toString());

        assertEquals(1, result.exitCode());
        assertEquals("outdial: name must be 1..100 characters, was 0" + System.lineSeparator(), result.err());
    }
}
