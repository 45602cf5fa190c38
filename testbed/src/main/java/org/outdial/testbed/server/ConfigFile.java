package org.outdial.testbed.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.outdial.api.auth.ApiKeys;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.testbed.sipp.LoopbackPorts;

/**
 * The {@code outdial.yaml} of a server the testbed runs (the demo, a benchmark, a test), in one
 * folder: HTTP on 127.0.0.1 at a free port, an H2 file database in {@code db/}, audio in
 * {@code audio/}, per-key rate limits off (a test or a benchmark sends as fast as it can), and
 * SIP, trunks and the ring timeout when asked for. The keys are those of docs/CONFIGURATION.md.
 *
 * <pre>{@code
 * ConfigFile config = ConfigFile.in(dir).sip(sipPort, rtpFrom, rtpTo).trunk(Trunk.to("sipp", sipp.sipPort()));
 * Path yaml = config.write();
 * String key = config.createKey("test");
 * }</pre>
 */
public final class ConfigFile {

    /** A trunk to a peer on 127.0.0.1; a zero or null field is left to the default. */
    public record Trunk(String name, int port, String callerId, int maxCalls, int maxCps) {
        public Trunk {
            Objects.requireNonNull(name, "name");
        }

        public static Trunk to(String name, int port) {
            return new Trunk(name, port, null, 0, 0);
        }

        public Trunk withCallerId(String callerId) {
            return new Trunk(name, port, callerId, maxCalls, maxCps);
        }

        /** {@code max-calls} and {@code max-cps}. */
        public Trunk withLimits(int maxCalls, int maxCps) {
            return new Trunk(name, port, callerId, maxCalls, maxCps);
        }
    }

    private final Path dir;
    private final int httpPort;
    private final List<String> comments = new ArrayList<>();
    private final List<Trunk> trunks = new ArrayList<>();
    private String sip;
    private Duration ringTimeout;
    private Duration operatorRingTimeout;
    private Duration operatorWaitLimit;
    private String webhooks;

    private ConfigFile(Path dir, int httpPort) {
        this.dir = dir.toAbsolutePath();
        this.httpPort = httpPort;
    }

    /** A configuration whose database, audio and file are in {@code dir}, with a free HTTP port. */
    public static ConfigFile in(Path dir) {
        return new ConfigFile(dir, LoopbackPorts.tcpPort());
    }

    /** A comment line at the top of the file. */
    public ConfigFile comment(String line) {
        comments.add(line);
        return this;
    }

    /** The SIP stack on 127.0.0.1:{@code port}, RTP on ports {@code mediaFrom}..{@code mediaTo}. */
    public ConfigFile sip(int port, int mediaFrom, int mediaTo) {
        sip = "sip:\n  bind-address: 127.0.0.1\n  port: " + port + "\n  media-ports: " + mediaFrom + "-" + mediaTo + "\n";
        return this;
    }

    public ConfigFile trunk(Trunk trunk) {
        trunks.add(trunk);
        return this;
    }

    /** {@code dialer.ring-timeout}, in whole seconds. */
    public ConfigFile ringTimeout(Duration timeout) {
        ringTimeout = timeout;
        return this;
    }

    /** {@code dialer.operator-ring-timeout}, in whole seconds: how long an operator's phone rings before the next is offered the call. */
    public ConfigFile operatorRingTimeout(Duration timeout) {
        operatorRingTimeout = timeout;
        return this;
    }

    /** {@code dialer.operator-wait-limit}, in whole seconds: how long an answered callee waits for a free operator. */
    public ConfigFile operatorWaitLimit(Duration limit) {
        operatorWaitLimit = limit;
        return this;
    }

    /**
     * The {@code webhooks} section: private targets allowed (receivers on loopback), this attempt
     * timeout and retry schedule ("0s, 200ms").
     */
    public ConfigFile webhooks(Duration timeout, String retrySchedule) {
        webhooks = "webhooks:\n  allow-private-targets: true\n  timeout: " + timeout.toMillis() + "ms\n"
                + "  retry-schedule: " + retrySchedule + "\n  poll-interval: 20ms\n";
        return this;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Where {@link #write} puts the file. */
    public Path path() {
        return dir.resolve("outdial.yaml");
    }

    /** The database the server opens, for reading it while the server is stopped. */
    public StorageSettings storage() {
        return new StorageSettings("jdbc:h2:file:" + dir + "/db/outdial", "sa", "", 2);
    }

    /** The file's text. */
    public String yaml() {
        StringBuilder yaml = new StringBuilder();
        comments.forEach(line -> yaml.append("# ").append(line).append('\n'));
        yaml.append("http:\n  port: ").append(httpPort).append("\n  bind-address: 127.0.0.1\n");
        yaml.append("storage:\n  url: jdbc:h2:file:").append(dir).append("/db/outdial\n");
        if (sip != null) {
            yaml.append(sip);
        }
        if (!trunks.isEmpty()) {
            yaml.append("trunks:\n");
            for (Trunk trunk : trunks) {
                yaml.append("  - name: ").append(trunk.name()).append("\n    host: 127.0.0.1\n    port: ").append(trunk.port())
                        .append('\n');
                if (trunk.callerId() != null) {
                    yaml.append("    caller-id: \"").append(trunk.callerId()).append("\"\n");
                }
                if (trunk.maxCalls() > 0) {
                    yaml.append("    max-calls: ").append(trunk.maxCalls()).append('\n');
                }
                if (trunk.maxCps() > 0) {
                    yaml.append("    max-cps: ").append(trunk.maxCps()).append('\n');
                }
            }
        }
        yaml.append("api:\n  rate-limit:\n    enabled: false\n");
        if (ringTimeout != null || operatorRingTimeout != null || operatorWaitLimit != null) {
            yaml.append("dialer:\n");
        }
        if (ringTimeout != null) {
            yaml.append("  ring-timeout: ").append(ringTimeout.toSeconds()).append("s\n");
        }
        if (operatorRingTimeout != null) {
            yaml.append("  operator-ring-timeout: ").append(operatorRingTimeout.toSeconds()).append("s\n");
        }
        if (operatorWaitLimit != null) {
            yaml.append("  operator-wait-limit: ").append(operatorWaitLimit.toSeconds()).append("s\n");
        }
        yaml.append("audio:\n  dir: ").append(dir).append("/audio\n");
        if (webhooks != null) {
            yaml.append(webhooks);
        }
        return yaml.toString();
    }

    /** Writes the file to {@link #path}; returns that path. */
    public Path write() {
        try {
            Files.createDirectories(dir);
            return Files.writeString(path(), yaml());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path(), e);
        }
    }

    /**
     * A new API key in the configuration's database, made as {@code ./outdial keys create} does:
     * with the server stopped (an H2 file has one user at a time).
     */
    public String createKey(String name) {
        try (Database database = Database.open(storage())) {
            return new ApiKeys(database.dataSource()).create(name, Instant.now()).secret();
        }
    }
}
