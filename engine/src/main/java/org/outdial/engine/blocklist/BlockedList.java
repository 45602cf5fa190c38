package org.outdial.engine.blocklist;

/** UniTalk's /lists: the two lists of numbers in international format. */
public enum BlockedList {
    /** "A list of blocked numbers in international format, interaction with which is rejected." */
    BLOCKED_PHONES,
    /** "A list of numbers in international format that cannot be added to autodialers." */
    BLOCKED_FOR_AUTODIAL_PHONES
}
