package org.outdial.engine.dialer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.sip.registrar.Registration;
import org.outdial.testing.ManualClock;

/**
 * What one {@link OutlookBuilder#build} costs with a full history: 50 operators, 30 calls in
 * flight, a full sample of 500 ended calls and 30 days of ledger (100 calls a day). A program, not
 * a test (outlooks are built at every pacing decision; a cost growing with the history is what to
 * catch). Run: see docs/PACING.md, "What SMART sees".
 */
public final class OutlookCost {

    private OutlookCost() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        ManualClock clock = ManualClock.at(Instant.parse("2026-06-03T10:00:00Z"));
        OperatorBoard board = new OperatorBoard(clock, Map.of());
        LiveCalls live = new LiveCalls();
        AbandonmentLedger ledger = AbandonmentLedger.empty(AbandonmentSettings.DEFAULTS);
        OutlookBuilder builder = new OutlookBuilder(board, live, ledger, Duration.ofSeconds(30));
        OperatorPacing pacing = new OperatorPacing(null, null, Duration.ofSeconds(15), Duration.ofSeconds(10), false);
        Instant t0 = clock.instant();
        List<String> team = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String line = "2" + i;
            team.add(line);
            board.online(new Registration(line, "sip:" + line + "@192.0.2.1:5060", "udp",
                    new InetSocketAddress("192.0.2.1", 5060), t0.plusSeconds(3600), "cost"));
        }
        for (int i = 0; i < 600; i++) {
            LiveCall call = new LiveCall(t0);
            call.dialed(t0);
            live.started(1, call);
            call.answered(t0.plusSeconds(5));
            call.talked(Duration.ofSeconds(90));
            live.ended(1, call);
        }
        for (int i = 0; i < 30; i++) {
            LiveCall call = new LiveCall(t0);
            call.dialed(t0);
            live.started(1, call);
        }
        for (int day = 0; day < 30; day++) {
            for (int i = 0; i < 100; i++) {
                ledger.counted(1, t0.minus(Duration.ofDays(day)).minusSeconds(i * 60L), i % 50 == 0);
            }
        }
        ZoneId zone = ZoneId.of("Europe/Kyiv");
        long sink = 0;
        for (int i = 0; i < rounds; i++) { // warm-up
            sink += builder.build(1, zone, pacing, team, t0.plusMillis(i)).operators().size();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += builder.build(1, zone, pacing, team, t0.plusMillis(i)).operators().size();
        }
        double micros = (System.nanoTime() - start) / 1000.0 / rounds;
        System.out.printf("OutlookBuilder.build: %.2f µs per outlook over %d rounds (50 operators, 30 calls in"
                + " flight, 500 samples, 30 days of ledger; sink %d)%n", micros, rounds, sink);
    }
}
