package org.outdial.engine.history;

/**
 * Which engine operation placed a recorded call (call_record.source, V12). Every call is in one
 * history; the source tells an autodialer's attempt from a single call placed through an API.
 */
public enum CallSource {
    /** An attempt of an autodialer (the record has its autodialer id). */
    AUTODIAL,
    /** A single call to a number that plays audio (UniTalk /calls/originateNew). */
    API,
    /** A single call that rings an operator line first, then the number, and connects them (UniTalk /phones/directCall). */
    DIRECT
}
