package org.outdial.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PortPoolTest {

    @Test
    void onlyEvenPortsWithTheirOddNeighbourInRangeAreHandedOut() {
        PortPool pool = new PortPool(20001, 20006);

        assertEquals(20002, pool.acquire());
        assertEquals(20004, pool.acquire());
        assertEquals(-1, pool.acquire(), "20006 has no 20007 for RTCP in range");
    }

    @Test
    void aReleasedPortGoesToTheBackOfTheQueue() {
        PortPool pool = new PortPool(20000, 20005);
        int first = pool.acquire();

        pool.release(first);

        assertEquals(20002, pool.acquire());
        assertEquals(20004, pool.acquire());
        assertEquals(20000, pool.acquire());
    }

    @Test
    void releasingAPortTwiceIsABug() {
        PortPool pool = new PortPool(20000, 20003);
        int port = pool.acquire();
        pool.release(port);

        assertThrows(IllegalStateException.class, () -> pool.release(port));
    }
}
