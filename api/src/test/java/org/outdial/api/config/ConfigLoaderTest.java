package org.outdial.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outdial.sip.trunk.TrunkSettings;

class ConfigLoaderTest {

    private static OutdialConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, Map.of(), "test.yaml");
    }

    private static String failure(String yaml) {
        return failure(yaml, Map.of());
    }

    private static String failure(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, env, "test.yaml")).getMessage();
    }

    @Test
    void noFileAtAllGivesEveryDefault() {
        OutdialConfig config = ConfigLoader.load(null, Map.of());

        assertEquals(OutdialConfig.defaults(), config);
        assertEquals(8080, config.http().port());
        assertEquals("0.0.0.0", config.http().bindAddress());
        assertEquals("jdbc:h2:file:./data/outdial", config.storage().url());
        assertEquals(5060, config.sip().port());
        assertEquals(20000, config.sip().media().portFrom());
        assertEquals(29999, config.sip().media().portTo());
        assertEquals(64 << 20, config.api().maxBodyBytes());
        assertEquals(30, config.api().rateLimit().blockAfter());
        assertEquals(Duration.ofSeconds(40), config.dialer().ringTimeout());
        assertEquals(Path.of("./data/audio"), config.audio().path());
        assertTrue(config.trunks().isEmpty());
    }

    @Test
    void anEmptyFileGivesTheDefaults() {
        assertEquals(OutdialConfig.defaults(), parse(""));
        assertEquals(OutdialConfig.defaults(), parse("# only a comment\n"));
    }

    @Test
    void theFileOverridesOnlyTheKeysItNames() {
        OutdialConfig config = parse("""
                http:
                  port: 9090
                storage:
                  url: jdbc:postgresql://db/outdial
                  pool-size: 40
                sip:
                  media-ports: 30000-30100
                api:
                  max-body-bytes: 2048
                  rate-limit:
                    per-second: 5
                    block-duration: 2m
                dialer:
                  ring-timeout: 25s
                """);

        assertEquals(9090, config.http().port());
        assertEquals("0.0.0.0", config.http().bindAddress());
        assertEquals("jdbc:postgresql://db/outdial", config.storage().url());
        assertEquals(40, config.storage().poolSize());
        assertEquals("sa", config.storage().username());
        assertEquals(30100, config.sip().media().portTo());
        assertEquals(2048, config.api().maxBodyBytes());
        assertEquals(5, config.api().rateLimit().perSecond());
        assertEquals(Duration.ofMinutes(2), config.api().rateLimit().blockDuration());
        assertEquals(20, config.api().rateLimit().maxConcurrent());
        assertEquals(Duration.ofSeconds(25), config.dialer().ringTimeout());
    }

    @Test
    void trunksTakeKebabCaseKeysAndPerTrunkDefaults() {
        OutdialConfig config = parse("""
                trunks:
                  - name: carrier
                    host: sip.example.net
                    username: acme
                    password: secret
                    caller-id: "442079460000"
                    max-calls: 60
                    max-cps: 10
                  - name: backup
                    host: 10.0.0.2
                    transport: TCP
                """);

        assertEquals(new TrunkSettings("carrier", "sip.example.net", 5060, "udp", "acme", "secret",
                "442079460000", "", 60, 10), config.trunks().get(0));
        assertEquals(new TrunkSettings("backup", "10.0.0.2", 5060, "tcp", null, null, null, "", 30, 5),
                config.trunks().get(1));
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        OutdialConfig config = ConfigLoader.parse("""
                http:
                  port: 9090
                trunks:
                  - name: carrier
                    host: sip.example.net
                """, Map.of("OUTDIAL_HTTP_PORT", "7070",
                        "OUTDIAL_STORAGE_URL", "jdbc:h2:mem:env",
                        "OUTDIAL_API_RATE_LIMIT_PER_SECOND", "3",
                        "OUTDIAL_API_RATE_LIMIT_ENABLED", "false",
                        "OUTDIAL_DIALER_RING_TIMEOUT", "1m",
                        "OUTDIAL_TRUNKS_0_PASSWORD", "from-env",
                        "OUTDIAL_JAVA_OPTS", "-Xmx1g"), "test.yaml");

        assertEquals(7070, config.http().port());
        assertEquals("jdbc:h2:mem:env", config.storage().url());
        assertEquals(3, config.api().rateLimit().perSecond());
        assertEquals(false, config.api().rateLimit().enabled());
        assertEquals(Duration.ofMinutes(1), config.dialer().ringTimeout());
        assertEquals("from-env", config.trunks().get(0).password());
    }

    @Test
    void theEnvironmentNameIsThePathInUpperCaseWithUnderscores() {
        assertEquals("OUTDIAL_HTTP_BIND_ADDRESS", ConfigLoader.environmentName("http.bind-address"));
        assertEquals("OUTDIAL_API_RATE_LIMIT_MAX_CONCURRENT", ConfigLoader.environmentName("api.rate-limit.max-concurrent"));
    }

    @Test
    void anUnknownKeyIsRefusedByName() {
        assertEquals("unknown configuration key 'htttp'", failure("htttp:\n  port: 1\n"));
        assertEquals("unknown configuration key 'http.prot'; keys under http are port, bind-address",
                failure("http:\n  prot: 8080\n"));
        assertTrue(failure("api:\n  rate-limit:\n    per-minute: 5\n")
                .startsWith("unknown configuration key 'api.rate-limit.per-minute'"));
        assertTrue(failure("trunks:\n  - name: a\n    host: b\n    maxCalls: 5\n")
                .startsWith("unknown configuration key 'trunks[0].maxCalls'"));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheKeyAndTheRange() {
        assertEquals("http.port must be 0..65535, was 70000", failure("http:\n  port: 70000\n"));
        assertEquals("http.port must be 0..65535, was -1", failure("", Map.of("OUTDIAL_HTTP_PORT", "-1")));
        assertEquals("storage.pool-size must be 2..200, was 1", failure("storage:\n  pool-size: 1\n"));
        assertEquals("sip.media-ports must be a range like 20000-29999, was 'all'", failure("sip:\n  media-ports: all\n"));
        assertEquals("sip.media-ports must be a range within 1024-65535, was 500-600",
                failure("sip:\n  media-ports: 500-600\n"));
        assertEquals("dialer.ring-timeout must be 5s..10m, was 2s", failure("dialer:\n  ring-timeout: 2s\n"));
        assertEquals("api.rate-limit.ban-after must be at least block-after (30), was 10",
                failure("api:\n  rate-limit:\n    ban-after: 10\n"));
        assertEquals("trunks[carrier].max-cps must be 1..10000, was 0",
                failure("trunks:\n  - name: carrier\n    host: h\n    max-cps: 0\n"));
        assertEquals("trunks[].name must be unique, was [a, a]",
                failure("trunks:\n  - {name: a, host: h}\n  - {name: a, host: h}\n"));
    }

    @Test
    void theAbandonmentCapHasFccDefaultsAndRefusesWhatItCannotCount() {
        OutdialConfig.Abandonment defaults = ConfigLoader.parse("", Map.of(), "test.yaml").pacing().abandonment();
        assertEquals(3.0, defaults.targetPercent());
        assertEquals(Duration.ofDays(30), defaults.window());
        assertEquals(Duration.ofSeconds(2), defaults.grace());
        assertEquals(5, defaults.minTeam());
        assertEquals(org.outdial.engine.abandonment.AbandonmentSettings.DEFAULT_MESSAGE, defaults.message());

        OutdialConfig.Abandonment set = ConfigLoader.parse("pacing:\n  abandonment:\n    target-percent: 2.5\n"
                + "    window: 24h\n    grace: 1500ms\n    min-team: 8\n    message: Acme calling, opt out on 555 0100\n",
                Map.of("OUTDIAL_PACING_ABANDONMENT_MIN_TEAM", "9"), "test.yaml").pacing().abandonment();
        assertEquals(new org.outdial.engine.abandonment.AbandonmentSettings(2.5, Duration.ofDays(1),
                Duration.ofMillis(1500), 9, "Acme calling, opt out on 555 0100"), set.settings());

        assertEquals("pacing.abandonment.target-percent must be more than 0 and at most 100, was 0.0",
                failure("pacing:\n  abandonment:\n    target-percent: 0\n"));
        assertEquals("pacing.abandonment.target-percent must be more than 0 and at most 100, was 101.0",
                failure("pacing:\n  abandonment:\n    target-percent: 101\n"));
        assertEquals("pacing.abandonment.target-percent must be a number, was 'three'",
                failure("pacing:\n  abandonment:\n    target-percent: three\n"));
        assertEquals("pacing.abandonment.window must be 1d..366d in whole quarter-hours (15m), was 12h",
                failure("pacing:\n  abandonment:\n    window: 12h\n"));
        assertEquals("pacing.abandonment.window must be 1d..366d in whole quarter-hours (15m), was 1450m",
                failure("pacing:\n  abandonment:\n    window: 1450m\n"));
        assertEquals("pacing.abandonment.grace must be 100ms..1m, was 0s",
                failure("pacing:\n  abandonment:\n    grace: 0s\n"));
        assertEquals("pacing.abandonment.min-team must be 1..10000, was 0",
                failure("pacing:\n  abandonment:\n    min-team: 0\n"));
        assertEquals("pacing.abandonment.min-team must be a whole number, was '2.5'",
                failure("pacing:\n  abandonment:\n    min-team: 2.5\n"));
        assertTrue(failure("pacing:\n  abandonment:\n    message: \"  \"\n")
                .startsWith("pacing.abandonment.message must not be empty"));
        assertTrue(failure("pacing:\n  abandonment:\n    grase: 2s\n")
                .startsWith("unknown configuration key 'pacing.abandonment.grase'"));
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedWithTheKey() {
        assertEquals("http.port must be a whole number, was 'eighty'", failure("http:\n  port: eighty\n"));
        assertEquals("dialer.ring-timeout must be a duration like 500ms, 40s, 5m or 1h, was 'forty'",
                failure("dialer:\n  ring-timeout: forty\n"));
        assertEquals("http must be a mapping of keys to values", failure("http: 8080\n"));
        assertEquals("http.port must be a single value, was a list", failure("http:\n  port: [1, 2]\n"));
        assertEquals("trunks must be a list of trunks", failure("trunks:\n  name: a\n"));
        assertTrue(failure("http: [port\n").startsWith("cannot parse test.yaml"));
    }

    @Test
    void metricsNeedNoKeyUnlessRequireKeyIsTrueAndItTakesOnlyABoolean() {
        assertEquals(false, ConfigLoader.parse("", Map.of(), "test.yaml").metrics().requireKey());
        assertEquals(true, ConfigLoader.parse("metrics:\n  require-key: true\n", Map.of(), "test.yaml").metrics()
                .requireKey());
        assertEquals(true, ConfigLoader.parse("", Map.of("OUTDIAL_METRICS_REQUIRE_KEY", "true"), "test.yaml")
                .metrics().requireKey());
        assertEquals("metrics.require-key must be true or false, was 'sometimes'",
                failure("metrics:\n  require-key: sometimes\n", Map.of()));
        assertEquals("metrics.require-key must be true or false, was '1'", failure("metrics:\n  require-key: 1\n"));
    }

    @Test
    void webhooksHaveTheIssuesScheduleAndRefuseWhatIsOutOfRange() {
        var defaults = ConfigLoader.parse("", Map.of(), "test.yaml").webhooks().settings();
        assertEquals(org.outdial.engine.webhook.WebhookSettings.DEFAULT_SCHEDULE, defaults.retrySchedule());
        assertEquals(Duration.ofSeconds(15), defaults.timeout());
        assertEquals(false, defaults.allowPrivateTargets());
        var set = ConfigLoader.parse("webhooks:\n  allow-private-targets: true\n  retry-schedule: 0s, 200ms, 1m\n",
                Map.of("OUTDIAL_WEBHOOKS_TIMEOUT", "2s"), "test.yaml").webhooks().settings();
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(200), Duration.ofMinutes(1)), set.retrySchedule());
        assertEquals(Duration.ofSeconds(2), set.timeout());
        assertEquals(true, set.allowPrivateTargets());
        assertEquals("webhooks.timeout must be 1s..5m, was 500ms", failure("webhooks:\n  timeout: 500ms\n"));
        assertEquals("webhooks.retry-schedule must be a duration like 500ms, 40s, 5m or 1h, was 'soon'",
                failure("webhooks:\n  retry-schedule: 0s, soon\n"));
        assertEquals("webhooks.allow-private-targets must be true or false, was 'maybe'",
                failure("webhooks:\n  allow-private-targets: maybe\n"));
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));

        assertEquals("configuration file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void theExampleFileAtTheRepositoryRootLoads() throws Exception {
        Path example = Path.of("..", "outdial.example.yaml");
        assertTrue(Files.exists(example), "outdial.example.yaml at the repository root");

        OutdialConfig config = ConfigLoader.load(example, Map.of());

        assertEquals(1, config.trunks().size());
    }

    @Test
    void humanDurationsRoundTrip() {
        assertEquals(Duration.ofMillis(1500), HumanDuration.parse("k", "1500ms"));
        assertEquals(Duration.ofSeconds(40), HumanDuration.parse("k", "40"));
        assertEquals(Duration.ofSeconds(90), HumanDuration.parse("k", "PT1M30S"));
        assertEquals("1h", HumanDuration.format(Duration.ofMinutes(60)));
        assertEquals("90s", HumanDuration.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", HumanDuration.format(Duration.ofMillis(1500)));
    }
}
