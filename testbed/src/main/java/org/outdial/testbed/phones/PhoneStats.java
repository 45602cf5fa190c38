package org.outdial.testbed.phones;

import java.time.Duration;

/**
 * One phone's counters since it started.
 *
 * @param offered            INVITEs that started a call (retransmissions excluded)
 * @param answered           sent 200 OK
 * @param refused            declined with 486 or 603
 * @param notAnswered        rang until CANCEL or the ring cap
 * @param talkTime           the sum of answered calls' talk, ended calls only
 * @param concurrentOffers   INVITEs that arrived while another call was ringing or up: each one is
 *                           a violation of "one operator is never offered two calls at once"
 * @param registrations      REGISTERs answered 2xx (the first and every refresh)
 */
public record PhoneStats(String phone, long offered, long answered, long refused, long notAnswered, Duration talkTime,
                         long concurrentOffers, long registrations) {

    @Override
    public String toString() {
        return phone + ": offered " + offered + ", answered " + answered + ", refused " + refused + ", not answered "
                + notAnswered + ", talk " + talkTime.toSeconds() + " s"
                + (concurrentOffers > 0 ? ", OFFERED TWO CALLS AT ONCE " + concurrentOffers + " times" : "");
    }
}
