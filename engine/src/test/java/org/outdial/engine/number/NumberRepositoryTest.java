package org.outdial.engine.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.Sql;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;

/**
 * {@link NumberRepository} is the one writer of numbers and every writer holds the autodialer's
 * row lock, so a number it moves is still in the state it was read in. When it is not, someone
 * broke that rule: the statement refuses (and its transaction rolls back) instead of writing over
 * a change it did not see. Here the rule is broken on purpose by a raw UPDATE.
 */
class NumberRepositoryTest {

    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

    private Database database;
    private Transactor db;
    private CampaignModule module;
    private final NumberRepository numbers = new NumberRepository();
    private final CampaignRepository campaigns = new CampaignRepository();
    private long id;

    @BeforeEach
    void open() {
        database = Database.open(StorageSettings.h2Memory("numbers-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        CampaignChanges changes = campaignId -> {
        };
        module = CampaignModule.create(db, InstantSource.system(), ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new AnyReferences(), BlockedNumbers.none(), changes);
        id = NumberFixtures.autodialer(module);
        module.numbers().add(id, new NumberService.AddRequest(NumberFixtures.phones(2), null, false, false));
        module.numbers().page(id, 10, 0L, null); // waits until they are rows
    }

    @AfterEach
    void close() {
        module.close();
        database.close();
    }

    @Test
    void aClaimOfANumberThatChangedSinceItWasReadIsRefusedAndWritesNothing() {
        AutodialNumber read = number(0);
        changeBehindTheLock(read, "BUSY");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            campaigns.lock(c, id);
            numbers.claim(c, List.of(read, number(1)), NumberState.DIALING, NOW);
            return null;
        }));

        assertTrue(e.getMessage().contains("without the autodialer's row lock"), e.getMessage());
        assertEquals(NumberState.BUSY, number(0).state());
        assertEquals(NumberState.NEW, number(1).state(), "the whole claim rolled back");
    }

    @Test
    void recordingAnAttemptOnANumberNoLongerDialingIsRefused() {
        AutodialNumber dialing = claimed(0);
        changeBehindTheLock(dialing, "NEW");

        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> numbers.recordAttempt(c, dialing.id(),
                new NumberRepository.Attempt(NumberState.BUSY, NOW, null, false))));

        assertEquals(NumberState.NEW, number(0).state());
    }

    @Test
    void recordingAnAttemptOnANumberRemovedWhileDialedSaysItIsGone() {
        AutodialNumber dialing = claimed(0);
        db.inTransaction(c -> numbers.deletePhones(c, id, List.of(dialing.phone())));

        boolean there = db.inTransaction(c -> numbers.recordAttempt(c, dialing.id(),
                new NumberRepository.Attempt(NumberState.BUSY, NOW, null, false)));
        assertFalse(there);
    }

    @Test
    void recordingAnAttemptMovesTheDialingNumberAndCountsIt() {
        AutodialNumber dialing = claimed(0);

        boolean there = db.inTransaction(c -> numbers.recordAttempt(c, dialing.id(),
                new NumberRepository.Attempt(NumberState.BUSY, NOW, NOW.plusSeconds(60), true)));
        assertTrue(there);

        AutodialNumber after = number(0);
        assertEquals(NumberState.BUSY, after.state());
        assertEquals(1, after.calledCount());
        assertEquals(1, after.repeatCount());
        assertEquals(NOW.plusSeconds(60), after.nextAttemptAt());
        assertTrue(after.highPriority());
    }

    @Test
    void refreshingADuplicateInAnotherStateThanTheOneReadIsRefused() {
        AutodialNumber read = number(0);
        changeBehindTheLock(read, "BUSY");

        assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
            numbers.refresh(c, id, List.of(read.data()), Map.of(read.phone(), NumberState.NEW), false);
            return null;
        }));
        assertEquals(NumberState.BUSY, number(0).state());
    }

    @Test
    void removingByPhoneRemovesTheNumbersFoundAndCountsThemByState() {
        AutodialNumber read = number(0);
        assertEquals(Map.of(NumberState.NEW, 1L),
                db.inTransaction(c -> numbers.deletePhones(c, id, List.of(read.phone(), "380999999999"))));
        assertEquals(1L, (long) db.read(c -> numbers.count(c, id)));
    }

    private AutodialNumber claimed(int index) {
        AutodialNumber n = number(index);
        db.inTransaction(c -> {
            campaigns.lock(c, id);
            numbers.claim(c, List.of(n), NumberState.DIALING, NOW);
            return null;
        });
        return number(index);
    }

    private AutodialNumber number(int index) {
        return db.read(c -> numbers.find(c, id, NumberFixtures.phones(2).get(index))).orElseThrow();
    }

    /** A write that does not go through NumberRepository under the lock: what the rule forbids. */
    private void changeBehindTheLock(AutodialNumber n, String state) {
        db.inTransaction(c -> Sql.update(c, "UPDATE autodial_number SET state = ? WHERE id = ?", state, n.id()));
    }
}
