package org.outdial.testbed.operators;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.outdial.api.OutdialServer;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.auth.RateLimitSettings;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.sip.registrar.RegistrarSettings;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testbed.sipp.LoopbackPorts;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * A whole Outdial server in this JVM (HTTP API, dialer, registrar, SIP, RTP) on loopback, with one
 * trunk to a callee peer, rate limits off, an in-memory H2 database and an API key: what the
 * operator tests drive as a user would, over HTTP.
 */
final class OperatorsServer implements AutoCloseable {

    /** The one virtual number of the JSON-RPC Call API's default test configuration. */
    static final String VIRTUAL_NUMBER = "442079460000";

    final OutdialServer server;
    final UniTalkClient api;
    final int sipPort;
    /** The API key, for routes {@link UniTalkClient} has no method for. */
    final String key;

    private OperatorsServer(OutdialServer server, UniTalkClient api, int sipPort, String key) {
        this.server = server;
        this.api = api;
        this.sipPort = sipPort;
        this.key = key;
    }

    /**
     * @param calleePort   the trunk's peer on 127.0.0.1 (SIPp's callee)
     * @param keepAlive    registrar.keep-alive-interval; one miss takes a line offline, so a
     *                     vanished phone is offline within twice this
     * @param operatorRing dialer.operator-ring-timeout
     * @param operatorWait dialer.operator-wait-limit
     */
    static OperatorsServer start(int calleePort, Duration keepAlive, Duration operatorRing, Duration operatorWait) {
        return start(LoopbackPorts.sipPort(), calleePort, keepAlive, operatorRing, operatorWait);
    }

    /** As above, with Outdial's SIP on {@code sip} (for peers started before it that register there). */
    static OperatorsServer start(int sip, int calleePort, Duration keepAlive, Duration operatorRing,
                                 Duration operatorWait) {
        // The JSON-RPC Call API open to the tests on loopback, with one virtual number (UK, as the callees' 44...).
        return start(sip, calleePort, keepAlive, operatorRing, operatorWait, new OutdialConfig.JsonRpc("127.0.0.1", 1000,
                100_000, Duration.ZERO, "", VIRTUAL_NUMBER, false, 1000, 0, true, "*", ""));
    }

    /** As above, with the {@code json-rpc} section {@code jsonRpc} (a test of its limits, say). */
    static OperatorsServer start(int sip, int calleePort, Duration keepAlive, Duration operatorRing,
                                 Duration operatorWait, OutdialConfig.JsonRpc jsonRpc) {
        int rtp = LoopbackPorts.evenRange(400);
        OutdialConfig defaults = OutdialConfig.defaults();
        RegistrarSettings d = RegistrarSettings.DEFAULTS;
        // Every peer is 127.0.0.1: the registrar's per-IP block must not see the tests' phones as one attacker.
        RegistrarSettings registrar = new RegistrarSettings(d.minExpiry(), d.defaultExpiry(), d.maxExpiry(), keepAlive, 1,
                d.nonceLifetime(), 10_000, d.authFailureWindow(), d.blockTime());
        OutdialConfig config = new OutdialConfig(new OutdialConfig.Http(0, "127.0.0.1"),
                StorageSettings.h2Memory("operators-" + UUID.randomUUID()),
                new OutdialConfig.Sip("127.0.0.1", sip, rtp + "-" + (rtp + 399)),
                List.of(new TrunkSettings("callee", "127.0.0.1", calleePort, "udp", null, null, "15550100", "", 200, 500)),
                new OutdialConfig.Api(defaults.api().maxBodyBytes(), RateLimitSettings.unlimited()),
                new OutdialConfig.Dialer(Duration.ofSeconds(5), operatorRing, operatorWait), defaults.audio(), registrar);
        config = config.withJsonRpc(jsonRpc);
        OutdialServer server = OutdialServer.start(config);
        String key = new ApiKeys(server.database().dataSource()).create("operators", Instant.now()).secret();
        return new OperatorsServer(server, new UniTalkClient(server.port(), key), sip, key);
    }

    /** The events in the outbox for {@code autodialerId}, oldest first. */
    List<String> events(long autodialerId) {
        try (Connection c = server.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT event FROM event_outbox WHERE autodialer_id = ? ORDER BY id")) {
            s.setLong(1, autodialerId);
            List<String> events = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(r.getString(1));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event outbox", e);
        }
    }

    /** The work status stored for line {@code number} (WORK, STOP, PAUS): what setStatus set or a pause left. */
    String workStatus(String number) {
        try (Connection c = server.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT work_status FROM inner_phone WHERE number = ?")) {
            s.setString(1, number);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "(no such line)";
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the work status of " + number, e);
        }
    }

    /** Every call record of the campaign (GET_CALLS_HISTORY). */
    List<JsonNode> history(long autodialerId) {
        List<JsonNode> items = new ArrayList<>();
        api.history(autodialerId, 5_000).path("items").forEach(items::add);
        return items;
    }

    @Override
    public void close() {
        server.close();
    }
}
