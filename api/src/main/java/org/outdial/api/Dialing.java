package org.outdial.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.List;
import java.util.function.Supplier;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.DialerModule;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.dialer.CampaignNotes;
import org.outdial.engine.dialer.Dialer;
import org.outdial.engine.dialer.DialerSettings;
import org.outdial.engine.dialer.DialerThreads;
import org.outdial.engine.dialer.Dispatcher;
import org.outdial.engine.metrics.RtpMeters;
import org.outdial.engine.metrics.SipMeters;
import org.outdial.media.rtp.MediaEngine;
import org.outdial.sip.call.RtpMediaLegs;
import org.outdial.sip.call.SipTelephony;
import org.outdial.sip.registrar.LineCredentials;
import org.outdial.sip.stack.SipSettings;
import org.outdial.sip.stack.SipStackException;
import org.outdial.sip.trunk.TrunkSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telephony half of a running Outdial: starts the RTP media engine and the SIP stack and
 * hands them to the engine's {@link DialerModule}. Started only when trunks are configured (calls
 * go only to trunks); without them the API works and autodialers wait.
 */
final class Dialing implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dialing.class);

    private final MediaEngine media;
    private final SipTelephony telephony;
    private final DialerModule module;

    private Dialing(MediaEngine media, SipTelephony telephony, DialerModule module) {
        this.media = media;
        this.telephony = telephony;
        this.module = module;
    }

    /** The dialer, or {@link CampaignChanges#none()} when no trunk is configured. */
    CampaignChanges changes() {
        return module == null ? CampaignChanges.none() : module.dialer();
    }

    /** What the dialer says about campaigns; without trunks, only which this version does not dial. */
    CampaignNotes notes() {
        return module == null ? CampaignNotes.withoutTelephony() : module.dialer();
    }

    /** The trunks' health for {@code /api/health}; none without trunks. */
    Supplier<List<Dispatcher.TrunkHealth>> trunks() {
        return () -> module == null ? List.of() : module.dialer().dispatcher().health();
    }

    /** The single calls (UniTalk /calls/originateNew, /phones/directCall), or null without trunks. */
    SingleCalls singleCalls() {
        return module == null ? null : module.singleCalls();
    }

    Dialer dialer() {
        return module == null ? null : module.dialer();
    }

    static Dialing none() {
        return new Dialing(null, null, null);
    }

    /** Starts RTP and SIP on the configured addresses, then the dialer over them. */
    static Dialing start(OutdialConfig config, LineCredentials lines, DialerWiring wiring) {
        return start(config, lines, wiring, new CompositeMeterRegistry());
    }

    /** As above, with SIP's and RTP's meters in {@code registry} (docs/METRICS.md). */
    static Dialing start(OutdialConfig config, LineCredentials lines, DialerWiring wiring, MeterRegistry registry) {
        List<TrunkSettings> trunks = config.trunks();
        if (trunks.isEmpty()) {
            log.warn("No trunks configured: the API works, but autodialers will not dial (see docs/CONFIGURATION.md)");
            return none();
        }
        MediaEngine media = MediaEngine.start(config.sip().media());
        media.onSessionClosed(new RtpMeters(registry));
        Gauge.builder("outdial.rtp.sessions.open", media, MediaEngine::openSessionCount)
                .description("RTP sessions open now (one per call leg)").register(registry);
        SipTelephony telephony;
        try {
            telephony = SipTelephony.start(new SipSettings(config.sip().bindAddress(), config.sip().port(),
                    SipSettings.DEFAULT_THREADS), trunks, new RtpMediaLegs(media), config.registrar(), lines);
        } catch (SipStackException | RuntimeException e) {
            media.close();
            throw new IllegalStateException("cannot start SIP on " + config.sip().bindAddress() + ":"
                    + config.sip().port() + ": " + e.getMessage(), e);
        }
        telephony.observe(new SipMeters(registry));
        DialerModule module;
        try {
            module = wiring.create(telephony, DialerSettings.of(config.dialer().ringTimeout(), trunks)
                    .withOperatorTimes(config.dialer().operatorRingTimeout(), config.dialer().operatorWaitLimit()),
                    DialerThreads.start());
        } catch (RuntimeException e) {
            telephony.close();
            media.close();
            throw e;
        }
        if (module.recovered() > 0) {
            log.info("Crash recovery: {} calls interrupted by the last stop were recorded as FAIL", module.recovered());
        }
        log.info("Dialing through {} trunk(s); SIP on {}:{}", trunks.size(), config.sip().bindAddress(),
                config.sip().port());
        return new Dialing(media, telephony, module);
    }

    /** The engine's half: the dialer module over a started telephony. */
    @FunctionalInterface
    interface DialerWiring {
        DialerModule create(SipTelephony telephony, DialerSettings settings, DialerThreads threads);
    }

    /** Stops new calls, hangs up the rest, releases SIP and RTP. */
    @Override
    public void close() {
        if (module != null) {
            module.close();
        }
        if (telephony != null) {
            telephony.close();
        }
        if (media != null) {
            media.close();
        }
    }
}
