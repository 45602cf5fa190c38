package org.outdial.sip.call;

/**
 * What a {@link Telephony} holds right now; all four are zero when nothing is in flight and the
 * stack's timers have run out, which is what leak tests check.
 *
 * @param calls        calls not yet ended
 * @param dialogs      SIP dialogs in the stack's table
 * @param transactions SIP client and server transactions in the stack's tables
 * @param mediaLegs    RTP sessions (sockets) open
 */
public record TelephonyCounts(int calls, int dialogs, int transactions, int mediaLegs) {

    public boolean idle() {
        return calls == 0 && dialogs == 0 && transactions == 0 && mediaLegs == 0;
    }
}
