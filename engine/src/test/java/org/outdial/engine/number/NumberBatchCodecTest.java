package org.outdial.engine.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NumberBatchCodecTest {

    @Test
    void everyFieldSurvivesTheRoundTripInOrder() {
        NumberData full = new NumberData("380671234567", "Іван Петренко", "note \u2018quoted\u2019", "https://crm/1",
                new TreeMap<>(Map.of(1, "a", 10, "z")),
                List.of(new NumberAudio.File(7), new NumberAudio.Tts("Добрий день", null, 3L)));
        NumberData bare = NumberData.of("380671234568");

        List<NumberBatchCodec.Chunk> chunks = NumberBatchCodec.encode(List.of(full, bare));

        assertEquals(1, chunks.size());
        assertEquals(2, chunks.getFirst().count());
        assertEquals(List.of(full, bare), NumberBatchCodec.decode(chunks.getFirst().bytes()));
    }

    @Test
    void chunksAreCutByCountAndBySizeAndKeepTheOrder() {
        List<NumberData> many = new ArrayList<>();
        for (int i = 0; i < NumberBatchCodec.MAX_NUMBERS + 5; i++) {
            many.add(NumberData.of("38067" + (1_000_000 + i)));
        }
        List<NumberBatchCodec.Chunk> byCount = NumberBatchCodec.encode(many);
        assertEquals(List.of(NumberBatchCodec.MAX_NUMBERS, 5), byCount.stream().map(NumberBatchCodec.Chunk::count).toList());
        List<NumberData> back = new ArrayList<>();
        byCount.forEach(chunk -> back.addAll(NumberBatchCodec.decode(chunk.bytes())));
        assertEquals(many, back);

        String note = "n".repeat(NumberData.MAX_TEXT);
        List<NumberData> wide = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            wide.add(new NumberData("38067" + (1_000_000 + i), null, note, note, null, null));
        }
        List<NumberBatchCodec.Chunk> bySize = NumberBatchCodec.encode(wide);
        assertTrue(bySize.size() > 1, "40,000 numbers of ~1 KB each span several chunks");
        for (NumberBatchCodec.Chunk chunk : bySize) {
            assertTrue(chunk.bytes().length < NumberBatchCodec.MAX_BYTES + 2_000, "a chunk ends after the number that "
                    + "crossed the size: " + chunk.bytes().length);
        }
        assertEquals(40_000, bySize.stream().mapToInt(NumberBatchCodec.Chunk::count).sum());
    }

    @Test
    void anUnknownVersionIsRefusedNotMisread() {
        byte[] bytes = NumberBatchCodec.encode(List.of(NumberData.of("380671234567"))).getFirst().bytes();
        bytes[0] = 9;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NumberBatchCodec.decode(bytes));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
    }
}
