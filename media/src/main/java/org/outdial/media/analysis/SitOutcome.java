package org.outdial.media.analysis;

/**
 * What a special information tone means for the number, in the seed's number states (UniTalk
 * seed 004): the engine sets the state of the same name.
 */
public enum SitOutcome {
    /** The number does not exist or no longer does (vacant code, intercept): do not call again. */
    NOT_EXIST,
    /** The network could not complete the call (reorder, ineffective other): try again later. */
    UNREACHABLE,
    /** All circuits were busy (no circuit): seed "BUSYOUT, not enough lines"; try again later. */
    BUSYOUT
}
