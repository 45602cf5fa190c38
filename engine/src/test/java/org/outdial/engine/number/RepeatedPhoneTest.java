package org.outdial.engine.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.dialer.NumberClaims;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.job.CallJob;
import org.outdial.engine.job.CallJobDraft;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;

/**
 * A phone queued more than once (call jobs, V16) next to UniTalk's number actions, on a real H2
 * schema: each job has its own id and state, the claim never dials one phone twice at a time,
 * ADD_NUMBERS still refuses the phone as a duplicate, GET_NUMBER shows the latest job,
 * REMOVE_NUMBERS removes them all, and cancel touches only jobs the job API queued and still waiting.
 */
class RepeatedPhoneTest {

    private static final String PHONE = "380671000000";
    private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");

    private Database database;
    private Transactor db;
    private CampaignModule module;
    private final NumberRepository numbers = new NumberRepository();
    private final StateCounts counts = new StateCounts();
    private final CampaignRepository campaigns = new CampaignRepository();
    private long id;

    @BeforeEach
    void open() {
        database = Database.open(StorageSettings.h2Memory("repeated-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        CampaignChanges changes = campaignId -> {
        };
        module = CampaignModule.create(db, InstantSource.system(), ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new AnyReferences(), BlockedNumbers.none(), changes);
        id = NumberFixtures.autodialer(module);
    }

    @AfterEach
    void close() {
        module.close();
        database.close();
    }

    private static CallJobDraft job(String phone) {
        return new CallJobDraft(phone, null, null, false);
    }

    private EnumMap<NumberState, Long> counts() {
        return db.read(c -> counts.of(c, id));
    }

    @Test
    void aPhoneQueuedTwiceIsTwoJobsAndUniTalkStillCallsItADuplicate() {
        List<Long> first = module.jobs().add(id, List.of(job("+380671000000")));
        List<Long> second = module.jobs().add(id, List.of(job("380671000000"), job("380671000001")));

        assertEquals(1, first.size());
        assertEquals(2, second.size());
        assertNotEquals(first.get(0), second.get(0));
        assertEquals(2, module.jobs().find(id, List.of(), List.of(PHONE)).size());
        assertEquals(3L, counts().get(NumberState.NEW));

        EngineException duplicate = assertThrows(EngineException.class, () -> module.numbers().add(id,
                new NumberService.AddRequest(List.of(PHONE), null, false, false)));
        assertEquals("Numbers not added", duplicate.getMessage());
        assertEquals(second.get(0), module.numbers().get(id, PHONE).id(), "GET_NUMBER shows the latest job");
    }

    @Test
    void theClaimTakesOneJobOfAPhoneAtATimeAndTheNextOnceTheFirstIsDone() {
        List<Long> ids = module.jobs().add(id, List.of(job(PHONE), job(PHONE), job("380671000001")));
        NumberClaims claims = new NumberClaims(numbers, counts);

        List<AutodialNumber> firstClaim = claim(claims, 10);
        assertEquals(List.of(ids.get(0), ids.get(2)), firstClaim.stream().map(AutodialNumber::id).toList());
        assertEquals(List.of(), claim(claims, 10), "the phone's other job waits while one is dialed");

        db.inTransaction(c -> numbers.recordAttempt(c, ids.get(0),
                new NumberRepository.Attempt(NumberState.BUSY, NOW, null, false)));
        assertEquals(List.of(ids.get(1)), claim(claims, 10).stream().map(AutodialNumber::id).toList());
    }

    private List<AutodialNumber> claim(NumberClaims claims, int wanted) {
        return db.inTransaction(c -> {
            campaigns.lock(c, id);
            return claims.claim(c, id, wanted, Instant.now(), true, n -> NumberClaims.call()).toCall();
        });
    }

    @Test
    void removingThePhoneRemovesEveryJobAndKeepsTheCountsRight() {
        module.jobs().add(id, List.of(job(PHONE), job(PHONE), job("380671000001")));

        NumberService.Removed removed = module.numbers().remove(id, List.of(PHONE), null);

        assertEquals(2, removed.removed());
        assertEquals(1L, counts().get(NumberState.NEW));
        assertTrue(module.jobs().find(id, List.of(), List.of(PHONE)).isEmpty());
    }

    @Test
    void refreshingADuplicateRefreshesOnlyTheLatestJob() {
        List<Long> ids = module.jobs().add(id, List.of(job(PHONE), job(PHONE)));
        module.jobs().cancel(id, ids, List.of());

        NumberWriter.Added added = module.numbers().add(id, new NumberService.AddRequest(List.of(PHONE), null, false,
                true));

        assertEquals(1, added.refreshed());
        List<CallJob> jobs = module.jobs().find(id, ids, List.of());
        assertEquals(NumberState.CANCEL, jobs.get(0).state());
        assertEquals(NumberState.NEW, jobs.get(1).state());
        assertEquals(1L, counts().get(NumberState.NEW));
        assertEquals(1L, counts().get(NumberState.CANCEL));
    }

    @Test
    void cancelTakesOnlyWaitingJobsTheJobApiQueued() {
        module.numbers().add(id, new NumberService.AddRequest(List.of("380671000009"), null, false, false));
        List<Long> ids = module.jobs().add(id, List.of(job(PHONE), job("380671000001")));
        NumberClaims claims = new NumberClaims(numbers, counts);
        db.inTransaction(c -> {
            campaigns.lock(c, id);
            return claims.claim(c, id, 1, Instant.now(), true, n -> NumberClaims.call()); // the UniTalk number
        });
        claim(claims, 1); // the first job is being dialed

        List<Long> canceled = module.jobs().cancel(id, List.of(), List.of(PHONE, "380671000001", "380671000009"));

        assertEquals(List.of(ids.get(1)), canceled);
        List<CallJob> jobs = module.jobs().find(id, List.of(), List.of(PHONE, "380671000001", "380671000009"));
        assertEquals(NumberState.DIALING, jobs.get(0).state(), "the UniTalk number, claimed first");
        assertEquals(NumberState.DIALING, jobs.get(1).state());
        assertEquals(NumberState.CANCEL, jobs.get(2).state());
        assertTrue(jobs.get(2).canceledAt() != null);
        assertEquals(1L, counts().get(NumberState.CANCEL));
    }

    @Test
    void aJobWithAStartTimeIsNotClaimedBeforeIt() {
        Instant later = Instant.now().plusSeconds(3600);
        module.jobs().add(id, List.of(new CallJobDraft(PHONE, "{\"a\":1}", later, true)));

        assertEquals(List.of(), claim(new NumberClaims(numbers, counts), 1));
        CallJob job = module.jobs().find(id, List.of(), List.of(PHONE)).get(0);
        assertEquals("{\"a\":1}", job.payload());
        assertTrue(job.pending());
    }

    @Test
    void aWrongPhoneRefusesTheWholeRequest() {
        EngineException e = assertThrows(EngineException.class,
                () -> module.jobs().add(id, List.of(job(PHONE), job("12ab"))));
        assertEquals("Wrong numbers", e.getMessage());
        assertEquals(List.of("12ab"), e.data());
        assertTrue(module.jobs().find(id, List.of(), List.of(PHONE)).isEmpty());
    }
}
