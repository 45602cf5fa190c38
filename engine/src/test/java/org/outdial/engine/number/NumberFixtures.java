package org.outdial.engine.number;

import java.util.ArrayList;
import java.util.List;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignDrafts;

/** An AUTODIAL autodialer open 09:00-19:00 every day until 2030, and distinct valid phones. */
final class NumberFixtures {

    private NumberFixtures() {
    }

    static long autodialer(CampaignModule module) {
        return module.campaigns().add(CampaignDrafts.autodial().build());
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
