package org.outdial.sip.stack;

import gov.nist.core.net.SecurityManagerProvider;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

/**
 * The RI's source of TLS key and trust material ({@code gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER})
 * for a stack with no TLS listening point: Outdial talks to trunks over UDP and TCP only.
 *
 * <p>Without this the RI builds its default provider at every start, finds no key store (Outdial
 * has none) and logs four WARN lines that TLS "will be inactive"; this one reads nothing. The key
 * and trust managers are asked for only when a TLS listening point or connection is made, which
 * Outdial never does, so asking is a programming error and says so. Loaded by name, hence public
 * with a no-argument constructor.
 */
public final class NoTlsKeys implements SecurityManagerProvider {

    public NoTlsKeys() {
        // instantiated reflectively by SipStackImpl
    }

    @Override
    public void init(Properties properties) {
        // no key store, no trust store: there is no TLS transport to serve
    }

    @Override
    public KeyManager[] getKeyManagers(boolean client) {
        throw new UnsupportedOperationException("Outdial's SIP stack has no TLS transport");
    }

    @Override
    public TrustManager[] getTrustManagers(boolean client) {
        throw new UnsupportedOperationException("Outdial's SIP stack has no TLS transport");
    }
}
