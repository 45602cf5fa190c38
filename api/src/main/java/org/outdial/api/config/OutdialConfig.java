package org.outdial.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.media.rtp.MediaSettings;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.trunk.TrunkSettings;

/**
 * Everything {@code outdial.yaml} can say, one record per section. Every key has a default
 * ({@link #defaults()}), so Outdial starts without a file; {@link ConfigLoader} reads the file
 * and the environment on top. Each record validates itself with a message naming the key.
 * docs/CONFIGURATION.md describes every key.
 */
public record OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks,
                            Api api, Dialer dialer, Audio audio, RegistrarSettings registrar, Pacing pacing,
                            Webhooks webhooks, Metrics metrics, JsonRpc jsonRpc) {

    public OutdialConfig {
        requireSection("json-rpc", jsonRpc);
        requireSection("http", http);
        requireSection("storage", storage);
        requireSection("sip", sip);
        requireSection("api", api);
        requireSection("dialer", dialer);
        requireSection("audio", audio);
        requireSection("registrar", registrar);
        requireSection("pacing", pacing);
        requireSection("webhooks", webhooks);
        requireSection("metrics", metrics);
        trunks = trunks == null ? List.of() : List.copyOf(trunks);
        long distinct = trunks.stream().map(TrunkSettings::name).distinct().count();
        if (distinct != trunks.size()) {
            throw new IllegalArgumentException("trunks[].name must be unique, was "
                    + trunks.stream().map(TrunkSettings::name).toList());
        }
    }

    /** A configuration with the registrar's defaults (operator phones register as docs/TELEPHONY.md says). */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio) {
        this(http, storage, sip, trunks, api, dialer, audio, RegistrarSettings.DEFAULTS);
    }

    /** A configuration with the pacing and webhooks sections' defaults. */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio, RegistrarSettings registrar) {
        this(http, storage, sip, trunks, api, dialer, audio, registrar, Pacing.defaults(), Webhooks.defaults(),
                Metrics.defaults());
    }

    /** A configuration with the webhooks and metrics sections' defaults. */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio, RegistrarSettings registrar, Pacing pacing) {
        this(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, Webhooks.defaults(),
                Metrics.defaults());
    }

    /** A configuration with the pacing section's defaults. */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio, RegistrarSettings registrar, Webhooks webhooks) {
        this(http, storage, sip, trunks, api, dialer, audio, registrar, Pacing.defaults(), webhooks, Metrics.defaults());
    }

    /** A configuration with the metrics section's defaults. */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio, RegistrarSettings registrar, Pacing pacing, Webhooks webhooks) {
        this(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks, Metrics.defaults());
    }


    /** A configuration with the JSON-RPC Call API section's defaults. */
    public OutdialConfig(Http http, StorageSettings storage, Sip sip, List<TrunkSettings> trunks, Api api,
                         Dialer dialer, Audio audio, RegistrarSettings registrar, Pacing pacing, Webhooks webhooks,
                         Metrics metrics) {
        this(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks, metrics, JsonRpc.defaults());
    }

    /** This configuration with another JSON-RPC Call API section. */
    public OutdialConfig withJsonRpc(JsonRpc newJsonRpc) {
        return new OutdialConfig(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks,
                metrics, newJsonRpc);
    }

    public static OutdialConfig defaults() {
        return new OutdialConfig(Http.defaults(), new StorageSettings("jdbc:h2:file:./data/outdial", "sa", "", 16),
                Sip.defaults(), List.of(), Api.defaults(), Dialer.defaults(), Audio.defaults(), RegistrarSettings.DEFAULTS,
                Pacing.defaults(), Webhooks.defaults(), Metrics.defaults());
    }

    /** This configuration with another storage, for tests and tools. */
    public OutdialConfig withStorage(StorageSettings newStorage) {
        return new OutdialConfig(http, newStorage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks,
                metrics, jsonRpc);
    }

    /** This configuration with another HTTP section. */
    public OutdialConfig withHttp(Http newHttp) {
        return new OutdialConfig(newHttp, storage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks,
                metrics, jsonRpc);
    }

    /** This configuration with another API section. */
    public OutdialConfig withApi(Api newApi) {
        return new OutdialConfig(http, storage, sip, trunks, newApi, dialer, audio, registrar, pacing, webhooks,
                metrics, jsonRpc);
    }

    /** This configuration with another webhooks section. */
    public OutdialConfig withWebhooks(Webhooks newWebhooks) {
        return new OutdialConfig(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, newWebhooks,
                metrics, jsonRpc);
    }

    /** This configuration with another metrics section. */
    public OutdialConfig withMetrics(Metrics newMetrics) {
        return new OutdialConfig(http, storage, sip, trunks, api, dialer, audio, registrar, pacing, webhooks,
                newMetrics, jsonRpc);
    }

    private static void requireSection(String name, Object section) {
        if (section == null) {
            throw new IllegalArgumentException(name + " must be a mapping");
        }
    }

    /**
     * The HTTP listener (key {@code http}).
     *
     * @param port        TCP port; 0 takes any free port (tests, the demo) and logs the one taken
     * @param bindAddress local address to listen on; 0.0.0.0 for every interface
     */
    public record Http(int port, String bindAddress) {

        public Http {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("http.port must be 0..65535, was " + port);
            }
            if (bindAddress == null || bindAddress.isBlank()) {
                throw new IllegalArgumentException("http.bind-address must not be empty");
            }
        }

        public static Http defaults() {
            return new Http(8080, "0.0.0.0");
        }
    }

    /**
     * The SIP stack (key {@code sip}); trunks are a list of their own.
     *
     * @param bindAddress local address SIP and RTP bind to and advertise
     * @param port        SIP port (UDP and TCP)
     * @param mediaPorts  RTP port range, {@code FROM-TO}, for example {@code 20000-29999}
     */
    public record Sip(String bindAddress, int port, String mediaPorts) {

        private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

        public Sip {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("sip.port must be 1..65535, was " + port);
            }
            media(bindAddress, mediaPorts);
        }

        public static Sip defaults() {
            return new Sip("127.0.0.1", 5060, "20000-29999");
        }

        /** Where RTP sockets bind, as the media module wants it. */
        public MediaSettings media() {
            return media(bindAddress, mediaPorts);
        }

        private static MediaSettings media(String bindAddress, String mediaPorts) {
            Matcher m = RANGE.matcher(mediaPorts == null ? "" : mediaPorts);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "sip.media-ports must be a range like 20000-29999, was '" + mediaPorts + "'");
            }
            return new MediaSettings(bindAddress, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }

    /**
     * The HTTP API (key {@code api}).
     *
     * @param maxBodyBytes largest request body accepted; larger ones get 413. The default holds
     *                     ADD_NUMBERS at UniTalk's 100,000 numbers per request with names, notes and params
     * @param rateLimit    per-key limits
     */
    public record Api(int maxBodyBytes, RateLimitSettings rateLimit) {

        public static final int MIN_BODY_BYTES = 1024;

        public Api {
            if (maxBodyBytes < MIN_BODY_BYTES || maxBodyBytes > 1 << 30) {
                throw new IllegalArgumentException("api.max-body-bytes must be " + MIN_BODY_BYTES + ".."
                        + (1 << 30) + ", was " + maxBodyBytes);
            }
            if (rateLimit == null) {
                throw new IllegalArgumentException("api.rate-limit must be a mapping");
            }
        }

        public static Api defaults() {
            return new Api(64 << 20, RateLimitSettings.defaults());
        }
    }

    /**
     * Dialing (key {@code dialer}).
     *
     * @param ringTimeout how long a call may ring before it is cancelled as NOANSWER. Regulators
     *                    commonly require at least 15 s (for example FCC 47 CFR 64.1200(a)(6):
     *                    "at least 15 seconds or four (4) rings"; Ofcom's persistent misuse policy)
     * @param operatorRingTimeout how long an operator's phone rings with an answered callee before
     *                    the next free operator is offered the call (1 s..5 min, default 20 s)
     * @param operatorWaitLimit the longest an answered callee waits for an operator before Outdial
     *                    gives up: ANSW_NF_OP or ANSW_OP_NA (1 s..30 min, default 60 s; the seed has no field for it)
     */
    public record Dialer(Duration ringTimeout, Duration operatorRingTimeout, Duration operatorWaitLimit) {

        private static final Duration MIN = Duration.ofSeconds(5);
        private static final Duration MAX = Duration.ofMinutes(10);
        static final Duration OPERATOR_RING = Duration.ofSeconds(20);
        static final Duration OPERATOR_WAIT = Duration.ofSeconds(60);

        public Dialer {
            if (ringTimeout == null || ringTimeout.compareTo(MIN) < 0 || ringTimeout.compareTo(MAX) > 0) {
                throw new IllegalArgumentException("dialer.ring-timeout must be 5s..10m, was "
                        + (ringTimeout == null ? "empty" : HumanDuration.format(ringTimeout)));
            }
            requireWithin("dialer.operator-ring-timeout", operatorRingTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5));
            requireWithin("dialer.operator-wait-limit", operatorWaitLimit, Duration.ofSeconds(1), Duration.ofMinutes(30));
        }

        /** The operator times at their defaults. */
        public Dialer(Duration ringTimeout) {
            this(ringTimeout, OPERATOR_RING, OPERATOR_WAIT);
        }

        static void requireWithin(String key, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(key + " must be " + HumanDuration.format(min) + ".."
                        + HumanDuration.format(max) + ", was " + (value == null ? "empty" : HumanDuration.format(value)));
            }
        }

        public static Dialer defaults() {
            return new Dialer(Duration.ofSeconds(40));
        }
    }

    /**
     * Audio files (key {@code audio}).
     *
     * @param dir folder uploaded and converted audio files are kept in
     */
    public record Audio(String dir) {

        public Audio {
            if (dir == null || dir.isBlank()) {
                throw new IllegalArgumentException("audio.dir must not be empty");
            }
        }

        public static Audio defaults() {
            return new Audio("./data/audio");
        }

        public Path path() {
            return Path.of(dir);
        }
    }

    /**
     * Pacing of the modes with operators (key {@code pacing}); today its {@code abandonment} part.
     */
    public record Pacing(Abandonment abandonment) {

        public Pacing {
            requireSection("pacing.abandonment", abandonment);
        }

        public static Pacing defaults() {
            return new Pacing(Abandonment.of(AbandonmentSettings.DEFAULTS));
        }
    }

    /**
     * The abandonment cap (key {@code pacing.abandonment}, docs/PACING.md "Abandonment"): the
     * engine's {@link AbandonmentSettings}, which checks each key and names it.
     *
     * @param targetPercent abandoned over live-answered calls, in percent (FCC 47 CFR 64.1200(a)(7): 3)
     * @param window        the rolling window the rate is counted over (FCC: 30 days)
     * @param grace         how soon after the answer an operator must be on the line (FCC: 2 s)
     * @param minTeam       fewer logged-in operators than this are paced progressively
     * @param message       what an abandoned person hears (speech synthesis) before the hang-up
     */
    public record Abandonment(double targetPercent, Duration window, Duration grace, int minTeam, String message) {

        public Abandonment {
            // The durations first, so that the message shows them as they are written (30d, 2s).
            if (window == null || window.compareTo(AbandonmentSettings.MIN_WINDOW) < 0
                    || window.compareTo(AbandonmentSettings.MAX_WINDOW) > 0
                    || window.toMillis() % AbandonmentSettings.BUCKET.toMillis() != 0) {
                throw new IllegalArgumentException("pacing.abandonment.window must be 1d..366d in whole quarter-hours"
                        + " (15m), was " + (window == null ? "empty" : HumanDuration.format(window)));
            }
            Dialer.requireWithin("pacing.abandonment.grace", grace, AbandonmentSettings.MIN_GRACE,
                    AbandonmentSettings.MAX_GRACE);
            settings(targetPercent, window, grace, minTeam, message);
        }

        static Abandonment of(AbandonmentSettings s) {
            return new Abandonment(s.targetPercent(), s.window(), s.grace(), s.minTeam(), s.message());
        }

        public AbandonmentSettings settings() {
            return settings(targetPercent, window, grace, minTeam, message);
        }

        private static AbandonmentSettings settings(double targetPercent, Duration window, Duration grace, int minTeam,
                                                    String message) {
            return new AbandonmentSettings(targetPercent, window, grace, minTeam, message);
        }
    }

    /**
     * The Prometheus endpoint {@code GET /metrics} (key {@code metrics}, docs/METRICS.md).
     *
     * @param requireKey whether a scrape must carry an API key ({@code Authorization: Bearer ...},
     *                   as every API call); off by default, as Prometheus scrapers seldom send one
     *                   and the figures hold no phone number
     */
    public record Metrics(boolean requireKey) {

        public static Metrics defaults() {
            return new Metrics(false);
        }
    }

    /**
     * Webhook delivery (key {@code webhooks}; docs/CONFIGURATION.md).
     *
     * @param allowPrivateTargets whether handler URLs may reach loopback, link-local and private
     *                            addresses (an on-premise CRM); false: the SSRF guard refuses them
     * @param timeout             how long an attempt may take before it counts as failed
     * @param retrySchedule       the wait before each attempt, comma-separated: the first after the
     *                            event, each next after a failure; one attempt per entry
     * @param pollInterval        how often the deliverer looks for due deliveries
     * @param projectName         Standard JSON's {@code projectName}
     */
    public record Webhooks(boolean allowPrivateTargets, Duration timeout, String retrySchedule, Duration pollInterval,
                           String projectName) {

        public Webhooks {
            settings(allowPrivateTargets, timeout, retrySchedule, pollInterval, projectName);
        }

        public static Webhooks defaults() {
            return new Webhooks(false, Duration.ofSeconds(15), "0s, 5s, 5m, 30m, 2h, 5h, 10h, 10h",
                    Duration.ofMillis(10), "outdial");
        }

        /** The engine's settings; this section's values were checked when it was made. */
        public org.outdial.engine.webhook.WebhookSettings settings() {
            return settings(allowPrivateTargets, timeout, retrySchedule, pollInterval, projectName);
        }

        private static org.outdial.engine.webhook.WebhookSettings settings(boolean allowPrivate, Duration timeout,
                String schedule, Duration poll, String project) {
            if (schedule == null || schedule.isBlank()) {
                throw new IllegalArgumentException("webhooks.retry-schedule must list durations, like 0s, 5s, 5m");
            }
            List<Duration> waits = new java.util.ArrayList<>();
            for (String part : schedule.split(",")) {
                waits.add(HumanDuration.parse("webhooks.retry-schedule", part.trim()));
            }
            return new org.outdial.engine.webhook.WebhookSettings(timeout, waits, allowPrivate, poll, project);
        }
    }

    /**
     * The JSON-RPC 2.0 Call API v4.0 at {@code POST /v4.0} (key {@code json-rpc}; seeds 000 and 001,
     * docs/API.md "JSON-RPC Call API v4.0"). Lists are comma-separated strings, so that one
     * environment variable can set them.
     *
     * @param ipWhitelist        addresses or CIDR blocks allowed to call it; empty (the default): nobody,
     *                           as seed 000 says ("By default access to API is denied for everyone")
     * @param pointsPerMinute    Call API points per minute (every successful method costs 1)
     * @param pointsPerDay       Call API points per day (UTC)
     * @param keyLifetime        how long after its creation a permanent key (an API key) works;
     *                           0 (the default): for ever
     * @param blockedKeys        ids of API keys refused with {@code access_token_blocked}
     * @param virtualNumbers     the project's numbers ({@code virtual_phone_number}), E.164
     * @param internationalCalls whether calls to another country than the virtual number's are
     *                           allowed (seed 000: "By default international calls are not permitted")
     * @param ttsMaxLength       the longest text-to-speech message, in characters
     * @param ttsProfile         the speech synthesis profile ({@code /api/ttsProfiles}) that reads
     *                           {@code tts} messages; 0: the project's first profile
     * @param enabled            false: every request is refused with {@code account_inactive}
     * @param users              ids of the API keys that may use the Call API (seed 000 "Call API
     *                           users"), or {@code *} for every key; others get {@code forbidden}
     * @param disabledComponents components switched off ({@code call-management},
     *                           {@code informer-calls}; {@code basic}): their methods answer
     *                           {@code component_disabled}
     */
    public record JsonRpc(String ipWhitelist, int pointsPerMinute, int pointsPerDay, Duration keyLifetime,
                          String blockedKeys, String virtualNumbers, boolean internationalCalls, int ttsMaxLength,
                          long ttsProfile, boolean enabled, String users, String disabledComponents) {

        public JsonRpc {
            users = users == null || users.isBlank() ? "*" : users;
            disabledComponents = disabledComponents == null ? "" : disabledComponents;
            ipWhitelist = ipWhitelist == null ? "" : ipWhitelist;
            blockedKeys = blockedKeys == null ? "" : blockedKeys;
            virtualNumbers = virtualNumbers == null ? "" : virtualNumbers;
            if (pointsPerMinute < 1 || pointsPerMinute > 1_000_000) {
                throw new IllegalArgumentException("json-rpc.points-per-minute must be 1..1000000, was " + pointsPerMinute);
            }
            if (pointsPerDay < 1 || pointsPerDay > 100_000_000) {
                throw new IllegalArgumentException("json-rpc.points-per-day must be 1..100000000, was " + pointsPerDay);
            }
            if (keyLifetime == null || keyLifetime.isNegative()) {
                throw new IllegalArgumentException("json-rpc.key-lifetime must be 0 or more, was " + keyLifetime);
            }
            if (ttsMaxLength < 1 || ttsMaxLength > org.outdial.engine.call.SingleCallAudios.MAX_TEXT) {
                throw new IllegalArgumentException("json-rpc.tts-max-length must be 1.."
                        + org.outdial.engine.call.SingleCallAudios.MAX_TEXT + ", was " + ttsMaxLength);
            }
            if (ttsProfile < 0) {
                throw new IllegalArgumentException("json-rpc.tts-profile must be 0 or a profile id, was " + ttsProfile);
            }
        }

        public static JsonRpc defaults() {
            return new JsonRpc("", 60, 10_000, Duration.ZERO, "", "", false, 1000, 0, true, "*", "");
        }
    }
}
