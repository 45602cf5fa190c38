package org.outdial.sip.outcome;

/**
 * The one table from final responses and local events to an {@link Outcome} and a Q.850 cause
 * (docs/TELEPHONY.md prints the same table; change both together).
 *
 * <p>Q.850 causes follow RFC 3398 §8.2.6.1 (SIP status to ISUP cause) except where a dialer needs
 * a sharper answer: 503 maps to 34 "no circuit/channel available" instead of 41 because to a
 * dialer a 503 from a trunk means "no line now, retry later"; 487 after our own ring timeout
 * maps to 19 "no answer from user (user alerted)" because the callee rang and nobody picked up.
 * A Reason header from the peer (RFC 3326) overrides the cause, never the outcome.
 */
public final class OutcomeTable {

    private OutcomeTable() {
    }

    /** The outcome of a final response to the INVITE that was not preceded by our CANCEL. */
    public static Classification forResponse(int status) {
        if (status >= 200 && status < 300) {
            return new Classification(Outcome.ANSWERED, 16);
        }
        return switch (status) {
            case 486, 600 -> new Classification(Outcome.BUSY, 17);
            case 480 -> new Classification(Outcome.NO_ANSWER, 18);
            case 408 -> new Classification(Outcome.NO_ANSWER, 102);
            case 404, 485, 604 -> new Classification(Outcome.NOT_EXIST, 1);
            case 484 -> new Classification(Outcome.NOT_EXIST, 28);
            case 410 -> new Classification(Outcome.NOT_EXIST, 22);
            case 603 -> new Classification(Outcome.REJECTED, 21);
            case 403 -> new Classification(Outcome.WRONG_DIRECTION, 21);
            case 488 -> new Classification(Outcome.WRONG_DIRECTION, 127);
            case 606 -> new Classification(Outcome.WRONG_DIRECTION, 58);
            case 503 -> new Classification(Outcome.CONGESTION, 34);
            // A 487 we did not ask for: the trunk cancelled on its own.
            case 487 -> new Classification(Outcome.FAILED, 127);
            default -> new Classification(Outcome.FAILED, otherCause(status));
        };
    }

    /** The outcome of a call that ended without a usable final response. */
    public static Classification forLocal(LocalCause cause) {
        return switch (cause) {
            case RING_TIMEOUT -> new Classification(Outcome.NO_ANSWER, 19);
            case ABANDONED -> new Classification(Outcome.CANCELLED, 16);
            case NO_RESPONSE -> new Classification(Outcome.FAILED, 102);
            case TRANSPORT_ERROR -> new Classification(Outcome.FAILED, 38);
            case BAD_ANSWER -> new Classification(Outcome.FAILED, 88);
            case LOCAL_ERROR -> new Classification(Outcome.FAILED, 41);
        };
    }

    /** RFC 3398 §8.2.6.1 for the codes that all mean FAILED to a dialer. */
    private static int otherCause(int status) {
        return switch (status) {
            case 400, 481, 500 -> 41;
            case 401, 402, 407 -> 21;
            case 405 -> 63;
            case 406, 415, 501 -> 79;
            case 482, 483 -> 25;
            case 502 -> 38;
            case 504 -> 102;
            default -> {
                if (status >= 300 && status < 400) {
                    yield 23; // redirects are not followed: calls go only to trunks (toll fraud)
                }
                yield status >= 500 && status < 600 ? 41 : 127;
            }
        };
    }
}
