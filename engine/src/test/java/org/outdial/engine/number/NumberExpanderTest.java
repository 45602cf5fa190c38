package org.outdial.engine.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.testing.Await;

/**
 * ADD_NUMBERS answers once numbers are staged; {@link NumberExpander} writes them out as rows.
 * What must hold: nothing that reads numbers sees them half there, a stop before the write-out
 * loses none, a failing write-out answers the seed's busy message and is retried.
 */
class NumberExpanderTest {

    private Path dir;
    private Database database;
    private Transactor db;
    private CampaignModule module;
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("expander-");
        openDatabase();
    }

    @AfterEach
    void close() {
        module.close();
        database.close();
    }

    private void openDatabase() {
        database = Database.open(StorageSettings.h2File(dir.toString()));
        db = new Transactor(database.dataSource());
        CampaignChanges changes = told::add;
        module = CampaignModule.create(db, InstantSource.system(), ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new AnyReferences(), BlockedNumbers.none(), changes);
    }

    @Test
    void everyNumberIsReadableAsSoonAsTheAddHasAnswered() {
        long id = autodialer();
        List<String> phones = phones(30_000);

        NumberWriter.Added added = module.numbers().add(id, new NumberService.AddRequest(phones, null, false, false));

        assertEquals(30_000, added.added());
        assertEquals(30_000, module.campaigns().view(id).statistics().totalCount(), "counted in the add's own commit");
        // Straight after the answer: the page waits for the write-out rather than show part of it.
        List<AutodialNumber> last = module.numbers().page(id, 1, 29_999L, null);
        assertEquals(phones.getLast(), last.getFirst().phone());
        assertEquals(phones.getFirst(), module.numbers().page(id, 1, 0L, null).getFirst().phone(), "calling order kept");
        assertEquals(0, rows("number_batch"));
        assertEquals(30_000, rows("autodial_number"));
        assertTrue(told.contains(id), "the dialer is told once the numbers are rows");
    }

    @Test
    void manyReadersWaitingAtOnceDoNotStarveTheWriteOut() throws Exception {
        long id = autodialer();
        List<String> phones = phones(30_000);
        module.numbers().add(id, new NumberService.AddRequest(phones, null, false, false));

        // Twice as many readers as the pool has connections, all arriving during the write-out, on
        // virtual threads as the HTTP server runs them.
        int readers = 2 * StorageSettings.h2File(dir.toString()).poolSize();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> lasts = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                lasts.add(pool.submit(() -> module.numbers().page(id, 1, 29_999L, null).getFirst().phone()));
            }
            for (Future<String> last : lasts) {
                assertEquals(phones.getLast(), last.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void numbersAcceptedButNotWrittenOutBeforeAStopAreWrittenOutAtTheNextStart() {
        long id = autodialer();
        module.expander().close(); // as if the process stopped right after the answer
        module.numbers().add(id, new NumberService.AddRequest(phones(25_000), null, true, false));
        assertTrue(rows("number_batch") > 0, "accepted, not yet written out");
        assertEquals(0, rows("autodial_number"));
        module.close();
        database.close();

        openDatabase();

        List<AutodialNumber> page = module.numbers().page(id, 5000, 20_000L, null);
        assertEquals(5000, page.size());
        assertTrue(page.stream().allMatch(AutodialNumber::highPriority), "highPriority kept");
        assertEquals(25_000, rows("autodial_number"));
        assertEquals(0, rows("number_batch"));
    }

    @Test
    void aFailingWriteOutAnswersBusyAfterTheWaitAndIsRetried() throws Exception {
        long id = autodialer();
        String taken = "380671000003";
        // A row in the way of the staged chunk (it cannot arise through the API; here it makes the
        // write-out fail on the unique index, as a failing store would).
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO autodial_number (autodialer_id, phone, state) VALUES (?, ?, 'NEW')")) {
                ps.setLong(1, id);
                ps.setString(2, taken);
                ps.executeUpdate();
            }
            new NumberBatches().stage(c, id, phones(10).stream().map(NumberData::of).toList(), false);
            return null;
        });
        try (NumberExpander expander = NumberExpander.start(db, new NumberBatches(), new NumberRepository(),
                new CampaignRepository(), CampaignChanges.none(), Duration.ofMillis(300))) {
            EngineException busy = assertThrows(EngineException.class, () -> expander.awaitExpanded(id));
            assertEquals("Handler is busy, try again later", busy.getMessage());
            assertEquals(EngineException.Kind.BUSY, busy.kind());
            assertEquals(1, rows("number_batch"), "the chunk stays until it is written out");

            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM autodial_number WHERE phone = ?")) {
                    ps.setString(1, taken);
                    return ps.executeUpdate();
                }
            });
            Await.until("the chunk written out on a retry", Duration.ofSeconds(10), () -> rows("number_batch"),
                    n -> n == 0);
            expander.awaitExpanded(id);
            assertEquals(10, rows("autodial_number"), "the retry wrote all ten out");
        }
    }

    @Test
    void chunksOfAnAutodialerThatIsGoneAreDropped() {
        db.inTransaction(c -> {
            new NumberBatches().stage(c, 999, List.of(NumberData.of("380671234567")), false);
            return null;
        });

        module.expander().expand(999);
        module.expander().awaitExpanded(999);

        assertEquals(0, rows("number_batch"));
        assertEquals(0, rows("autodial_number"));
    }

    @Test
    void removingAnAutodialerRightAfterAnAddLeavesNothingBehind() {
        long id = autodialer();
        module.numbers().add(id, new NumberService.AddRequest(phones(20_000), null, false, false));

        module.campaigns().remove(id);

        assertEquals(0, rows("number_batch"));
        assertEquals(0, rows("autodial_number"), "removal waited for the write-out, then removed every row");
    }

    private long autodialer() {
        return NumberFixtures.autodialer(module);
    }

    private static List<String> phones(int count) {
        return NumberFixtures.phones(count);
    }

    private long rows(String table) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
