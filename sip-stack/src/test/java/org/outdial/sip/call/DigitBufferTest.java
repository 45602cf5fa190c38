package org.outdial.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DigitBufferTest {

    private final DigitBuffer buffer = new DigitBuffer();

    @Test
    void digitsPressedBeforeTheFlowAsksAreHandedOutInOrder() throws Exception {
        buffer.add('1');
        buffer.add('#');
        assertEquals(Optional.of('1'), buffer.next(Duration.ZERO));
        assertEquals(Optional.of('#'), buffer.next(Duration.ZERO));
        assertEquals(Optional.empty(), buffer.next(Duration.ZERO));
    }

    @Test
    void aWaitingReaderGetsTheDigitWhenItArrives() throws Exception {
        CompletableFuture<Optional<Character>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.next(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        buffer.add('7');
        assertEquals(Optional.of('7'), waiting.get(5, TimeUnit.SECONDS));
    }

    @Test
    void theEndOfTheCallWakesAWaitingReaderAtOnceAndEveryLaterOne() throws Exception {
        CompletableFuture<Optional<Character>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.next(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        buffer.close();
        assertEquals(Optional.empty(), waiting.get(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), buffer.next(Duration.ofMinutes(5)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "an ended call does not wait");
    }

    @Test
    void aDigitPressedJustBeforeTheEndIsStillHandedOut() throws Exception {
        buffer.add('3');
        buffer.close();
        buffer.add('4');
        assertEquals(Optional.of('3'), buffer.next(Duration.ZERO));
        assertEquals(Optional.empty(), buffer.next(Duration.ZERO));
    }

    @Test
    void aStuckKeyCannotGrowTheBufferPastItsCapacity() throws Exception {
        for (int i = 0; i < DigitBuffer.CAPACITY * 3; i++) {
            buffer.add('5');
        }
        int held = 0;
        while (buffer.next(Duration.ZERO).isPresent()) {
            held++;
        }
        assertEquals(DigitBuffer.CAPACITY, held);
    }

    @Test
    void clearDropsHeldDigitsButNotTheEnd() throws Exception {
        buffer.add('1');
        buffer.clear();
        assertEquals(Optional.empty(), buffer.next(Duration.ZERO));
        buffer.add('2');
        buffer.close();
        buffer.clear();
        assertEquals(Optional.empty(), buffer.next(Duration.ofMinutes(1)));
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> buffer.next(Duration.ofMillis(-1)));
    }
}
