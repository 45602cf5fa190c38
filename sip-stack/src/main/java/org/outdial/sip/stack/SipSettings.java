package org.outdial.sip.stack;

/**
 * Where and how the SIP stack listens (configuration section {@code sip}).
 *
 * @param bindAddress    the local IP address for the UDP and TCP listening points, also put in Via,
 *                       Contact and From (an IP literal: the stack does not resolve names)
 * @param port           {@code sip.port}: the UDP and TCP port, usually 5060
 * @param threadPoolSize threads that parse messages and run listener callbacks
 *                       ({@code gov.nist.javax.sip.THREAD_POOL_SIZE})
 */
public record SipSettings(String bindAddress, int port, int threadPoolSize) {

    public static final int DEFAULT_PORT = 5060;
    public static final int DEFAULT_THREADS = 8;

    public SipSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("sip.bind-address must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sip.port must be 1..65535, was " + port);
        }
        if (threadPoolSize < 1 || threadPoolSize > 256) {
            throw new IllegalArgumentException("sip.threads must be 1..256, was " + threadPoolSize);
        }
    }

    public SipSettings(String bindAddress, int port) {
        this(bindAddress, port, DEFAULT_THREADS);
    }
}
