package org.outdial.sip.stack;

import java.util.Properties;

/**
 * The JAIN-SIP RI configuration Outdial runs with. Each value says why; docs/TELEPHONY.md
 * ("Stack tuning") repeats the reasoning for operators.
 */
final class StackProperties {

    /** 1 MiB: a burst of 300 INVITE answers per second must not overflow the socket between reads. */
    static final int UDP_BUFFER_BYTES = 1 << 20;

    private StackProperties() {
    }

    static Properties forSettings(SipSettings settings, String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // Dialogs are created explicitly for our own INVITEs only; an unsolicited INVITE must never
        // get a dialog (DESIGN.md: toll fraud), and explicit creation keeps the count exact.
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");

        // Logging: SLF4J, and no stack walks or message dumps unless TRACE is on.
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_STACK_TRACE_ON_MESSAGE_SEND", "false");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // No TLS (trunks are UDP or TCP): name the RI's own default TLS policy, so it does not warn
        // that it picked it, and a key source that reads no key store, so the RI's default one does
        // not warn four times that TLS "will be inactive". Both are read at every start.
        p.setProperty("gov.nist.javax.sip.TLS_SECURITY_POLICY", "gov.nist.javax.sip.stack.DefaultTlsSecurityPolicy");
        p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", NoTlsKeys.class.getName());

        // Throughput: messages are parsed and delivered by a bounded pool, and listener calls run
        // concurrently (each call serialises its own events); the listener never blocks.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(settings.threadPoolSize()));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE",
                Integer.toString(Math.max(2, settings.threadPoolSize() / 2)));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(UDP_BUFFER_BYTES));
        // Below these table sizes the stack never throttles; 2,000 calls use about 4,000 entries.
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
        // RFC 3261 §18.1.1: a UDP message must fit the path MTU, but TCP peers may send larger;
        // 64 KiB bounds what a hostile peer can make us buffer.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");

        // Memory: drop message references when transactions end, free dialogs 2 s after BYE
        // (long enough to absorb a retransmitted BYE's 200), and bound every transaction's life so
        // a peer that never answers cannot pin entries: a non-INVITE lives 64*T1 = 32 s at most
        // (RFC 3261 §17.1.2.2); 300 s covers the longest ring timeout plus Timer B.
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "64");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "300");
        p.setProperty("gov.nist.javax.sip.EARLY_DIALOG_TIMEOUT_SECONDS", "300");

        // Security: drop responses that match no transaction instead of passing them up.
        p.setProperty("gov.nist.javax.sip.REJECT_STRAY_RESPONSES", "true");
        // Outbound calls are never forked by a trunk in practice; do not keep fork state.
        p.setProperty("gov.nist.javax.sip.MAX_FORK_TIME_SECONDS", "0");
        // TCP to trunks: reuse the connection for every call instead of one per transaction.
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        return p;
    }
}
