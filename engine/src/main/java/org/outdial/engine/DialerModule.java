package org.outdial.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.abandonment.AbandonmentSettings;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCallFlow;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.dialer.AbandonMessage;
import org.outdial.engine.dialer.AutodialFlow;
import org.outdial.engine.dialer.CallAudio;
import org.outdial.engine.dialer.CallFlows;
import org.outdial.engine.dialer.CallMeters;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.dialer.DialerSettings;
import org.outdial.engine.dialer.DialerStorage;
import org.outdial.engine.dialer.DialerThreads;
import org.outdial.engine.dialer.DialingRecovery;
import org.outdial.engine.dialer.GuaranteedFlow;
import org.outdial.engine.dialer.OperatorConnect;
import org.outdial.engine.dialer.OperatorLineBook;
import org.outdial.engine.dialer.OperatorReadiness;
import org.outdial.engine.dialer.OpenLegs;
import org.outdial.engine.dialer.StandingLegs;
import org.outdial.engine.dialer.WindowAlarms;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.event.TriggerEvent;
import org.outdial.engine.number.BlockedNumbers;
import org.outdial.engine.operator.OperatorBoard;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.AudioCache;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.call.Telephony;

/**
 * The dialer's object graph wired together, next to {@link CampaignModule}: crash recovery
 * first, then the dialer with its flows, dispatcher and trunk health over a telephony the caller
 * started (the api starts SIP and RTP and hands them in). Closing it stops the dialer; the
 * telephony is the caller's to close.
 *
 * @param recovered   numbers a previous run left DIALING, resolved before the dialer started
 * @param singleCalls the one operation for single calls (issue 13), over the dialer's dispatcher,
 *                    operator claims and call threads
 */
public record DialerModule(Dialer dialer, int recovered, AutoCloseable standing, SingleCalls singleCalls)
        implements AutoCloseable {

    /** Decoded audio files kept in memory. */
    public static final long AUDIO_CACHE_BYTES = 256L << 20;

    /** What the dialer's call flows read from the catalogue: audio files, speech profiles and synthesis, scenarios. */
    public record Catalogue(AudioLibrary audios, TtsProfiles profiles, SpeechSynthesizer synthesizer,
                            Scenarios scenarios) {
    }

    /**
     * @param claims    the one owner of operator claims (the operator board); {@link OperatorClaims#none()}
     *                  where none is wired: operator campaigns then wait and transfers find nobody
     * @param operators the operator lines and groups, for a group's members
     */
    public static DialerModule create(Transactor db, InstantSource clock, Telephony telephony, DialerSettings settings,
                                      Catalogue catalogue, BlockedNumbers blocked, WindowAlarms alarms,
                                      DialerThreads threads, OperatorClaims claims, Operators operators) {
        return create(db, clock, telephony, settings, catalogue, blocked, alarms, threads, claims, operators,
                OpenLegs.none(), () -> { }, AbandonmentLedger.load(db, AbandonmentSettings.DEFAULTS, clock.instant()),
                CallMeters.none());
    }

    private static DialerModule create(Transactor db, InstantSource clock, Telephony telephony, DialerSettings settings,
                                       Catalogue catalogue, BlockedNumbers blocked, WindowAlarms alarms,
                                       DialerThreads threads, OperatorClaims claims, Operators operators,
                                       OpenLegs openLegs, AutoCloseable standing, AbandonmentLedger ledger,
                                       CallMeters meters) {
        CallAudio audio = new CallAudio(catalogue.audios(), new AudioCache(AUDIO_CACHE_BYTES), catalogue.synthesizer(),
                catalogue.profiles());
        DialerStorage storage = DialerStorage.over(db);
        int recovered = new DialingRecovery(db, storage.campaigns(), storage.numbers(), storage.recorder()).recover(clock.instant());
        // Before the dialer can start a call: the first wave of a campaign would otherwise run the
        // SIP, bridge and relay paths cold (dead air 490-580 ms instead of 15-30 ms, BENCHMARKS.md).
        telephony.warmUp();
        OperatorReadiness readiness = OperatorReadiness.of(claims);
        OperatorLineBook lines = OperatorLineBook.over(operators);
        OperatorConnect connect = new OperatorConnect(telephony, claims, readiness, settings, clock, openLegs,
                ledger.settings(), AbandonMessage.spoken(catalogue.synthesizer(), ledger.settings().message()));
        AutodialFlow autodial = new AutodialFlow(telephony, audio, catalogue.scenarios(), settings, clock, connect, lines);
        GuaranteedFlow guaranteed = new GuaranteedFlow(telephony, audio, settings, clock, claims, connect, lines);
        Dialer dialer = Dialer.create(storage, clock, threads, new CallFlows(autodial, guaranteed), catalogue.scenarios(),
                settings, telephony::probe, blocked, alarms, new Dialer.Operators(claims, readiness, lines), ledger, meters);
        SingleCallFlow singleFlow = new SingleCallFlow(telephony, dialer.dispatcher(), claims, settings, db,
                new org.outdial.engine.history.CallHistoryRepository(), clock);
        SingleCalls single = new SingleCalls(singleFlow, dialer.dispatcher(), claims,
                line -> operators.findPhone(line).isPresent(), audio,
                new SingleCallAudios(catalogue.audios(), catalogue.profiles()), settings.trunkNames(), threads.calls(), clock,
                SingleCalls.DEFAULT_MAX_CALLS);
        return new DialerModule(dialer, recovered, standing, single);
    }

    /**
     * The dialer over the process's {@link OperatorBoard}: as {@link #create} with the board as the
     * operator claims, and the board followed: a wrap-up or busy period ending wakes the campaigns
     * (the board is ticked at the instant it names), and an operator paused after
     * {@code pauseOperatorNoAnswerLimit} unanswered offers is an AUTODIAL_USER_PAUSED event of the
     * campaign whose offer reached the limit. The members of always-connected groups get a standing
     * leg ({@link StandingLegs}, checked every {@link StandingLegs#CHECK_EVERY}).
     */
    public static DialerModule create(Transactor db, InstantSource clock, Telephony telephony, DialerSettings settings,
                                      Catalogue catalogue, BlockedNumbers blocked, WindowAlarms alarms,
                                      DialerThreads threads, OperatorBoard board, Operators operators) {
        return create(db, clock, telephony, settings, catalogue, blocked, alarms, threads, board, operators,
                AbandonmentLedger.load(db, AbandonmentSettings.DEFAULTS, clock.instant()));
    }

    /**
     * As above, counting and capping abandonment with {@code ledger} (loaded at start, shared with
     * the API's GET_LIST; its settings are {@code pacing.abandonment}).
     */
    public static DialerModule create(Transactor db, InstantSource clock, Telephony telephony, DialerSettings settings,
                                      Catalogue catalogue, BlockedNumbers blocked, WindowAlarms alarms,
                                      DialerThreads threads, OperatorBoard board, Operators operators,
                                      AbandonmentLedger ledger) {
        return create(db, clock, telephony, settings, catalogue, blocked, alarms, threads, board, operators, ledger,
                new CompositeMeterRegistry());
    }

    /**
     * As above, with the dialer's meters ({@link CallMeters}: calls, outcomes, claims, trunks) in
     * {@code registry}; docs/METRICS.md lists them.
     */
    public static DialerModule create(Transactor db, InstantSource clock, Telephony telephony, DialerSettings settings,
                                      Catalogue catalogue, BlockedNumbers blocked, WindowAlarms alarms,
                                      DialerThreads threads, OperatorBoard board, Operators operators,
                                      AbandonmentLedger ledger, MeterRegistry registry) {
        StandingLegs standing = new StandingLegs(telephony, board, line -> board.stateOf(line, clock.instant()),
                operators::alwaysConnectedLines, settings.operatorRingTimeout(), StandingLegs.BackOff.DEFAULT,
                threads.calls(), clock);
        DialerModule module = create(db, clock, telephony, settings, catalogue, blocked, alarms, threads,
                board, operators, standing, standing, ledger, new CallMeters(registry));
        keepReconciling(standing, threads, clock);
        board.onChangeDue(at -> threads.scheduler().after(
                Duration.ofMillis(Math.max(1, at.toEpochMilli() - clock.instant().toEpochMilli())),
                () -> board.tick(clock.instant())));
        EventOutbox outbox = DialerStorage.over(db).outbox();
        board.onPaused((offer, inARow) -> threads.calls().execute(() -> db.inTransaction(c -> {
            outbox.append(c, offer.campaignId(), TriggerEvent.AUTODIAL_USER_PAUSED, Map.of("autodialerId",
                    offer.campaignId(), "operatorNumber", offer.line(), "unansweredInARow", inARow), clock.instant());
            return null;
        })));
        return module;
    }

    /** Runs {@link StandingLegs#reconcile} now and every {@link StandingLegs#CHECK_EVERY} until it is closed. */
    private static void keepReconciling(StandingLegs standing, DialerThreads threads, InstantSource clock) {
        threads.scheduler().after(Duration.ZERO, new Runnable() {
            @Override
            public void run() {
                if (standing.isClosed()) {
                    return;
                }
                try {
                    standing.reconcile(clock.instant());
                } catch (RuntimeException e) {
                    // The database was unreachable for the group list, say: the next pass tries again.
                    org.slf4j.LoggerFactory.getLogger(StandingLegs.class).warn("Standing legs: {}", e.toString());
                }
                threads.scheduler().after(StandingLegs.CHECK_EVERY, this);
            }
        });
    }

    @Override
    public void close() {
        try {
            dialer.close();
        } finally {
            try {
                standing.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the standing legs", e);
            }
        }
    }
}
