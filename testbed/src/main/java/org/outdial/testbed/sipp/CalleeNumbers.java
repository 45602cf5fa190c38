package org.outdial.testbed.sipp;

/**
 * The numbers that choose a behaviour of {@code testbed/sipp/callee.xml}; only the last four
 * digits count, so a serial may come first to keep calls apart in logs.
 */
public final class CalleeNumbers {

    /** Answer and stay until our BYE; SIPp echoes RTP. */
    public static final String ANSWER = "7000";
    /** Answer, send DTMF 1 2 # from SIPp's RFC 4733 pcaps, stay until our BYE. */
    public static final String ANSWER_AND_PRESS_12_POUND = "7001";
    /** Answer, then SIPp hangs up after 2 s. */
    public static final String ANSWER_THEN_HANG_UP = "7002";
    /** Answer, then SIPp holds the call with a re-INVITE (a=sendonly) and checks we answer a=recvonly. */
    public static final String ANSWER_THEN_HOLD = "7003";
    /** 183 with SDP for 1 s, then answer. */
    public static final String EARLY_MEDIA_THEN_ANSWER = "6000";
    /** 100, 180, then nothing until CANCEL. */
    public static final String RING_FOREVER = "8000";
    /** 401 digest challenge (user outdial, password secret, realm outdial.test), then answer. */
    public static final String AUTH_THEN_ANSWER = "5000";
    public static final String AUTH_USER = "outdial";
    public static final String AUTH_PASSWORD = "secret";

    private CalleeNumbers() {
    }

    /** 100, 180, then the final response {@code status} (one of those listed in callee.xml). */
    public static String finalResponse(int status) {
        return "9" + status;
    }

    /** {@code behaviour} with a serial in front. */
    public static String withSerial(long serial, String behaviour) {
        return serial + behaviour;
    }
}
