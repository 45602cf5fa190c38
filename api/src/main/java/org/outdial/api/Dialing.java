package org.outdial.api;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.dialer.AutodialFlow;
import org.outdial.engine.dialer.CallAudio;
import org.outdial.engine.dialer.CallRecorder;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.dialer.DialerSettings;
import org.outdial.engine.dialer.DialingRecovery;
import org.outdial.engine.dialer.WindowAlarms;
import org.outdial.engine.event.EventOutbox;
import org.outdial.engine.history.CallHistoryRepository;
import org.outdial.engine.number.NumberRepository;
import org.outdial.engine.number.StateCounts;
import org.outdial.engine.pacing.TrunkCapacity;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.media.audio.AudioCache;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.media.tts.SpeechSynthesizer;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telephony half of a running Outdial: the RTP media engine, the SIP stack and the dialer
 * over them. Started only when trunks are configured (calls go only to trunks); without them the
 * API works and autodialers wait.
 */
final class Dialing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialing.class);

    /** The longest an autodialer call may last once answered. */
    static final Duration MAX_CALL = Duration.ofHours(1);
    /** Decoded audio files kept in memory. */
    static final long AUDIO_CACHE_BYTES = 256L << 20;

    private final MediaEngine media;
    private final SipTelephony telephony;
    private final Dialer dialer;

    private Dialing(MediaEngine media, SipTelephony telephony, Dialer dialer) {
        this.media = media;
        this.telephony = telephony;
        this.dialer = dialer;
    }

    /** The dialer, or {@link CampaignChanges#none()} when no trunk is configured. */
    CampaignChanges changes() {
        return dialer == null ? CampaignChanges.none() : dialer;
    }

    Dialer dialer() {
        return dialer;
    }

    static Dialing none() {
        return new Dialing(null, null, null);
    }

    static Dialing start(OutdialConfig config, Transactor db, InstantSource clock, AudioLibrary audios,
                         TtsProfiles profiles, Scenarios scenarios, BlockedLists blockedLists,
                         SpeechSynthesizer synthesizer, WindowAlarms alarms) {
        List<TrunkSettings> trunks = config.trunks();
        if (trunks.isEmpty()) {
            log.warn("No trunks configured: the API works, but autodialers will not dial (see docs/CONFIGURATION.md)");
            return none();
        }
        MediaEngine media = MediaEngine.start(config.sip().media());
        SipTelephony telephony;
        try {
            telephony = SipTelephony.start(new SipSettings(config.sip().bindAddress(), config.sip().port(),
                    SipSettings.DEFAULT_THREADS), trunks, new RtpMediaLegs(media));
        } catch (SipStackException | RuntimeException e) {
            media.close();
            throw new IllegalStateException("cannot start SIP on " + config.sip().bindAddress() + ":"
                    + config.sip().port() + ": " + e.getMessage(), e);
        }
        CampaignRepository campaigns = new CampaignRepository();
        StateCounts counts = new StateCounts();
        EventOutbox outbox = new EventOutbox();
        NumberRepository numbers = new NumberRepository();
        CallRecorder recorder = new CallRecorder(campaigns, numbers, counts, new CallHistoryRepository(), outbox);
        int recovered = new DialingRecovery(db, campaigns, numbers, recorder).recover(clock.instant());
        if (recovered > 0) {
            log.info("Crash recovery: {} calls interrupted by the last stop were recorded as FAIL", recovered);
        }
        AutodialFlow flow = new AutodialFlow(telephony,
                new CallAudio(audios, new AudioCache(AUDIO_CACHE_BYTES), synthesizer, profiles), scenarios,
                new DialerSettings(config.dialer().ringTimeout(), MAX_CALL,
                        trunks.stream().map(TrunkSettings::name).toList()), clock);
        Dialer dialer = new Dialer(db, clock, campaigns, numbers, counts,
                new StatusTransitions(campaigns, outbox), outbox, recorder, flow, TrunkCapacity.of(trunks),
                new BlockedListsScreen(blockedLists), alarms);
        log.info("Dialing through {} trunk(s); SIP on {}:{}", trunks.size(), config.sip().bindAddress(),
                config.sip().port());
        return new Dialing(media, telephony, dialer);
    }

    /** Stops new calls, hangs up the rest, releases SIP and RTP. */
    @Override
    public void close() {
        if (dialer != null) {
            dialer.close();
        }
        if (telephony != null) {
            telephony.close();
        }
        if (media != null) {
            media.close();
        }
    }
}
