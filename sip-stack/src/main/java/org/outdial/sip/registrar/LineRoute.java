package org.outdial.sip.registrar;

import java.text.ParseException;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import org.outdial.sip.stack.JainSipStack;

/**
 * The next hop of a request to a registered phone: a loose {@code Route} (RFC 3261 §16.12) to
 * where its REGISTER really came from. A phone behind NAT names its private address in Contact;
 * the Request-URI stays that Contact (RFC 3261 §10.2.1.1: requests to a binding use its contact
 * as the target) while the Route sends the request to the public address and port the NAT
 * mapped (RFC 3581: the REGISTER's {@code received}/{@code rport}). Over TCP that is the
 * connection the phone opened. A UAS ignores a Route naming itself (RFC 3261 §8.2 has no Route
 * processing for a UAS), so the phone never sees a difference.
 */
public final class LineRoute {

    private LineRoute() {
    }

    /** {@code Route: <sip:ip:port;transport=t;lr>} to {@code registration.reachedAt()}. */
    public static RouteHeader to(JainSipStack stack, Registration registration) throws ParseException {
        SipURI hop = stack.addresses().createSipURI(null, registration.reachedAt().getAddress().getHostAddress());
        hop.setPort(registration.reachedAt().getPort());
        hop.setTransportParam(registration.transport());
        hop.setLrParam();
        return stack.headers().createRouteHeader(stack.addresses().createAddress(hop));
    }
}
