package org.outdial.sip.call;

import java.io.IOException;

/** Opens {@link MediaLeg}s, one per call, and counts the open ones. */
public interface MediaLegs {

    /** @throws IOException when no RTP port is free or the socket cannot bind */
    MediaLeg open() throws IOException;

    /** RTP sessions open now. */
    int openCount();
}
