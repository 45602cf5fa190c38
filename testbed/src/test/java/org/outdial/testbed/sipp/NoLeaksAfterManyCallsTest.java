package org.outdial.testbed.sipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.outdial.sip.call.Call;
import org.outdial.sip.call.DialRequest;
import org.outdial.sip.call.TelephonyCounts;
import org.outdial.sip.outcome.CallOutcome;
import org.outdial.sip.outcome.Outcome;
import org.outdial.testing.Await;

/**
 * 300 calls of every kind, 50 at a time, each flow on its own virtual thread the way the engine
 * runs them; afterwards nothing may remain: no call, dialog, transaction or RTP socket.
 */
class NoLeaksAfterManyCallsTest {

    private static final int CALLS = 300;
    private static final int CONCURRENT = 50;
    /** RFC 3261 Timer D (32 s on UDP) keeps a failed INVITE's client transaction; then it must go. */
    private static final Duration DRAIN = Duration.ofSeconds(45);

    @Test
    void threeHundredCallsLeaveNoDialogTransactionOrRtpSocketBehind() throws Exception {
        try (SippLine line = SippLine.start(Duration.ofMinutes(3));
             var flows = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(CONCURRENT);
            List<CompletableFuture<CallOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String behaviour = switch (i % 6) {
                    case 0, 1, 2 -> CalleeNumbers.ANSWER;
                    case 3 -> CalleeNumbers.finalResponse(486);
                    case 4 -> CalleeNumbers.RING_FOREVER;
                    default -> CalleeNumbers.finalResponse(404);
                };
                String number = CalleeNumbers.withSerial(1000 + i, behaviour);
                inFlight.acquire();
                CompletableFuture<CallOutcome> done = new CompletableFuture<>();
                outcomes.add(done);
                flows.submit(() -> {
                    try {
                        Call call = line.telephony.dial(DialRequest.of(SippLine.TRUNK, number, Duration.ofMillis(300)));
                        if (call.answered().get(10, TimeUnit.SECONDS)) {
                            call.play(org.outdial.media.audio.AudioSource.silence(Duration.ofMillis(100)))
                                    .get(5, TimeUnit.SECONDS);
                            call.hangup();
                        }
                        done.complete(call.outcome().get(40, TimeUnit.SECONDS));
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
            Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
            for (CompletableFuture<CallOutcome> f : outcomes) {
                tally.merge(f.get(60, TimeUnit.SECONDS).outcome(), 1, Integer::sum);
            }
            assertEquals(Map.of(Outcome.ANSWERED, 150, Outcome.BUSY, 50, Outcome.NO_ANSWER, 50,
                    Outcome.NOT_EXIST, 50), tally);

            // Released as each call ends, or as its transaction's timer ends (DRAIN); the RTP
            // sockets close on their event loops, just after the call's outcome.
            TelephonyCounts counts = Await.until("every dialog, transaction and RTP socket released", DRAIN,
                    line.telephony::counts, held -> held.idle() && line.media.openSessionCount() == 0);
            assertTrue(counts.idle(), "after " + CALLS + " calls, still held: " + counts);
            assertEquals(0, line.media.openSessionCount());
            assertEquals(0, line.telephony.inFlight(SippLine.TRUNK), "every trunk line came back");
        }
    }
}
