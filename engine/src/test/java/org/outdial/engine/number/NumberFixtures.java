package org.outdial.engine.number;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.outdial.engine.AutodialerModule;
import org.outdial.engine.campaign.TaskDraft;

/** An AUTODIAL autodialer open 09:00-19:00 every day until 2030, and distinct valid phones. */
final class NumberFixtures {

    private NumberFixtures() {
    }

    static long autodialer(AutodialerModule module) {
        List<String> days = Collections.nCopies(7, "09:00");
        List<String> ends = Collections.nCopies(7, "19:00");
        return module.campaigns().add(new TaskDraft(null, "c-" + UUID.randomUUID().toString().substring(0, 8),
                "AUTODIAL", "FIXED", "2026-01-01", "2030-12-31", days, ends, "Europe/Kyiv", null, null, null, null,
                null, null, null, null, null, null, "DONT_SEND", "NEVER", null, null, null, null, null, null,
                new TaskDraft.CompositeAudioDraft(List.of(new TaskDraft.AudioPartDraft(null, 200, null))), null, null,
                0, null, null, null, null, 1, 0, false, null, null, null, null, null, null));
    }

    /** {@code count} distinct Ukrainian mobile numbers, as Outdial stores them. */
    static List<String> phones(int count) {
        List<String> phones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            phones.add("38067" + (1_000_000 + i));
        }
        return phones;
    }
}
