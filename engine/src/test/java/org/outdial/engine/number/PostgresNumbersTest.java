package org.outdial.engine.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.LocalPostgres;
import org.outdial.engine.storage.Transactor;

/**
 * Numbers staged and written out on a real PostgreSQL: the {@code number_batch} chunks
 * ({@code BYTEA}) and the number actions that wait for them. Fails, rather than skipping, where
 * PostgreSQL is missing; {@code ./outdial test} installs it.
 */
class PostgresNumbersTest {

    @Test
    void numbersWithTheirDataAreStagedWrittenOutAndReadBackOnPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startInstalled();
             Database database = Database.open(postgres.storage());
             CampaignModule module = CampaignModule.create(new Transactor(database.dataSource()),
                     InstantSource.system(), ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED, new AnyReferences(),
                     BlockedNumbers.none(), CampaignChanges.none())) {
            long id = NumberFixtures.autodialer(module);
            List<String> phones = NumberFixtures.phones(20_000);
            List<NumberDraft> withData = new ArrayList<>();
            for (String phone : phones.subList(0, 100)) {
                withData.add(new NumberDraft(phone, "Олена", "note", "https://crm/" + phone, Map.of("1", "a", "10", "b"),
                        List.of(new NumberDraft.AudioDraft(null, new NumberDraft.TtsDraft("Добрий день", null, null)))));
            }

            NumberWriter.Added added = module.numbers().add(id, new NumberService.AddRequest(
                    phones.subList(100, phones.size()), withData, true, false));

            assertEquals(20_000, added.added());
            List<AutodialNumber> page = module.numbers().page(id, 5000, 15_000L, null);
            assertEquals(5000, page.size());
            assertTrue(page.stream().allMatch(AutodialNumber::highPriority));
            AutodialNumber first = module.numbers().get(id, phones.getFirst());
            assertEquals("Олена", first.data().name());
            assertEquals(Map.of(1, "a", 10, "b"), first.data().paramsView());
            assertEquals(List.of(new NumberAudio.Tts("Добрий день", null, null)), first.data().audios());
            assertEquals(20_000, module.numbers().remove(id, phones.subList(0, 5000), null).removed()
                    + module.numbers().removeAll(id));
        }
    }
}
