package org.outdial.engine.dialer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignMode;
import org.outdial.engine.campaign.CampaignStatus;
import org.outdial.engine.campaign.CampaignType;
import org.outdial.engine.number.AutodialNumber;
import org.outdial.engine.number.NumberData;
import org.outdial.engine.number.NumberState;
import org.outdial.media.audio.AudioSource;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.trunk.TrunkSettings;
import org.outdial.testing.ManualClock;

/** {@link OperatorConnect} on its own: every claim it takes ends, even when its thread is interrupted. */
class OperatorConnectTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    @Test
    void aCallInterruptedWhileTheOperatorRingsHangsUpTheirLegAndReleasesTheClaim() throws Exception {
        ManualClock clock = ManualClock.at(T0);
        FakeTelephony telephony = new FakeTelephony(clock).whenLine("2001", FakeTelephony.LineBehaviour.ringsForever());
        FakeOperators operators = new FakeOperators().ready("2001");
        DialerSettings settings = new DialerSettings(Duration.ofSeconds(10), Duration.ofHours(1), List.of(
                new TrunkSettings("test", "127.0.0.1", 5060, "udp", null, null, null, "", 10, 10)),
                BreakerSettings.DEFAULTS, Duration.ofMinutes(5), Duration.ofMinutes(5));
        OperatorConnect connect = new OperatorConnect(telephony, operators, OperatorReadiness.of(operators), settings,
                clock);
        Call callee = telephony.dial(DialRequest.of("test", "380671234567", Duration.ofSeconds(10)));
        assertTrue(callee.answered().get(1, TimeUnit.SECONDS));

        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread flow = Thread.ofVirtual().start(() -> {
            try {
                connect.connect(callee, new OperatorConnect.Request(campaign(), number(), () -> List.of("2001"), null,
                        null, AudioSource.silence(Duration.ofSeconds(1)), T0));
                ended.complete(null);
            } catch (Throwable e) {
                ended.complete(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (telephony.lineCalls().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // until the operator's phone rings
        }
        assertEquals(1, telephony.lineCalls().size(), "the operator is rung");

        flow.interrupt();

        assertTrue(ended.get(10, TimeUnit.SECONDS) instanceof InterruptedException);
        assertEquals(List.of("claim 2001", "released 2001"), operators.log());
        assertEquals(0, operators.openClaims());
        callee.hangup();
        assertEquals(0, telephony.liveCalls(), "the operator's leg was hung up");
    }

    /** Only its id and name are read by the connection. */
    private static Campaign campaign() {
        return new Campaign(7, "Spring sale", CampaignType.GUARANTEED_DIAL, CampaignMode.FIXED,
                CampaignStatus.IN_PROGRESS, T0, null, null, null, 0, T0);
    }

    private static AutodialNumber number() {
        return new AutodialNumber(1, 7, new NumberData("380671234567", "Ivan Petrenko", null, null,
                new java.util.TreeMap<>(), List.of()), NumberState.DIALING, T0, 0, 0, 0, false, null);
    }
}
