package org.outdial.engine.blocklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.outdial.engine.catalog.TestStores.assertRefused;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.outdial.engine.catalog.TestStores;
import org.outdial.engine.error.EngineException;
import org.outdial.testing.ManualClock;

class BlockedListsTest {

    private final BlockedLists lists = new BlockedLists(TestStores.freshDatabase(),
            ManualClock.at(Instant.parse("2024-05-01T10:00:00Z")));

    @Test
    void numbersAreStoredNormalizedAndCountedAsAddedOrSkipped() {
        ListChange first = lists.add(BlockedList.BLOCKED_PHONES, List.of("+38(097)11-11 111", "380971111111", "+442079460000"));
        assertEquals(new ListChange(2, 1), first);
        assertEquals(new ListChange(0, 1), lists.add(BlockedList.BLOCKED_PHONES, List.of("44 20 7946 0000")));
        assertEquals(List.of("380971111111", "442079460000"), lists.get(BlockedList.BLOCKED_PHONES));
        assertEquals(List.of(), lists.get(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES));
    }

    @Test
    void containsMatchesWhateverTheNotation() {
        lists.add(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, List.of("380971111111"));
        assertTrue(lists.contains(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, "+38 097 111 11 11"));
        assertFalse(lists.contains(BlockedList.BLOCKED_PHONES, "380971111111"));
        assertFalse(lists.contains(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, "garbage"));
    }

    @Test
    void oneWrongNumberRefusesTheRequestAndWritesNothing() {
        EngineException e = assertRefused("Wrong numbers",
                () -> lists.add(BlockedList.BLOCKED_PHONES, List.of("380971111111", "12", "abc")));
        assertEquals(List.of("12", "abc"), e.data());
        assertEquals(List.of(), lists.get(BlockedList.BLOCKED_PHONES));
    }

    @Test
    void atMostOneHundredItemsPerRequest() {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("38097" + (1000000 + i));
        }
        assertEquals(new ListChange(100, 0), lists.add(BlockedList.BLOCKED_PHONES, hundred));
        List<String> more = new ArrayList<>(hundred);
        more.add("380979999999");
        assertRefused("Too many elements in items", () -> lists.add(BlockedList.BLOCKED_PHONES, more));
        assertRefused("Too many elements in items", () -> lists.remove(BlockedList.BLOCKED_PHONES, more));
        assertRefused("items is empty", () -> lists.add(BlockedList.BLOCKED_PHONES, List.of()));
        assertRefused("items is null", () -> lists.remove(BlockedList.BLOCKED_PHONES, null));
        assertEquals(100, lists.get(BlockedList.BLOCKED_PHONES).size());
    }

    @Test
    void removeCountsWhatWasNotThereAsSkipped() {
        lists.add(BlockedList.BLOCKED_PHONES, List.of("380971111111", "380972222222"));
        assertEquals(new ListChange(1, 1), lists.remove(BlockedList.BLOCKED_PHONES, List.of("+380971111111", "380973333333")));
        assertEquals(List.of("380972222222"), lists.get(BlockedList.BLOCKED_PHONES));
    }

    @Test
    void filterChecksAHundredThousandNumbersInAFewQueries() {
        lists.add(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, List.of("380970000007", "380970099999"));
        List<String> phones = new ArrayList<>(100_000);
        for (int i = 0; i < 100_000; i++) {
            phones.add("38097" + String.format("%07d", i));
        }
        Collections.shuffle(phones);
        long started = System.nanoTime();
        Set<String> blocked = lists.filter(BlockedList.BLOCKED_FOR_AUTODIAL_PHONES, phones);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Set.of("380970000007", "380970099999"), blocked);
        assertTrue(millis < 5_000, "filter of 100,000 numbers took " + millis + " ms");
        assertEquals(Set.of(), lists.filter(BlockedList.BLOCKED_PHONES, phones));
    }
}
