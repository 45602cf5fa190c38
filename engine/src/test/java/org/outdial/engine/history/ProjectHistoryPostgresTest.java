package org.outdial.engine.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.storage.LocalPostgres;

/**
 * V12 and /history/get on a real PostgreSQL: a single call's record has no autodialer, keeps its
 * source, trunk and meta, and the project's history filters and pages it. Fails, rather than
 * skipping, where PostgreSQL is missing; {@code ./outdial test} installs it.
 */
class ProjectHistoryPostgresTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    @Test
    void singleCallRecordsAreWrittenWithoutAnAutodialerAndReadBackFilteredOnPostgres() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startInstalled();
             Database database = Database.open(postgres.storage())) {
            Transactor db = new Transactor(database.dataSource());
            CallHistoryRepository records = new CallHistoryRepository();
            db.inTransaction(c -> {
                records.insertSingle(c, record(11, "380501110001", NumberState.ANSW_RJCT, 2), CallSource.API, "main", "m1");
                records.insertSingle(c, record(12, "380501110001", NumberState.NOANSWER, null), CallSource.API, "main",
                        null);
                records.insertSingle(c, record(13, "380501110002", NumberState.ANSWER, 5), CallSource.DIRECT, "main",
                        "lead");
                return null;
            });
            ProjectHistoryService service = new ProjectHistoryService(db, new ProjectHistoryRepository(), ZoneOffset.UTC);
            LocalDateTime from = LocalDateTime.of(2026, 3, 4, 0, 0);
            LocalDateTime to = LocalDateTime.of(2026, 3, 5, 0, 0);

            ProjectHistoryService.Page all = service.query(new ProjectHistoryService.Request(from, to, 10, 0, "OUT", null,
                    null, null, List.of("main"), null, null, null, false, false));
            assertEquals(3, all.count());
            assertEquals(List.of(13L, 12L, 11L), all.calls().stream().map(p -> p.record().rid()).toList(), "newest first");
            ProjectCall direct = all.calls().getFirst();
            assertEquals(CallSource.DIRECT, direct.source());
            assertEquals("lead", direct.meta());
            assertEquals(0, direct.record().campaignId());

            ProjectHistoryService.Page firstCalls = service.query(new ProjectHistoryService.Request(from, to, 10, 0, null,
                    null, null, List.of("380501110001"), null, null, true, null, null, null));
            assertEquals(List.of(11L), firstCalls.calls().stream().map(p -> p.record().rid()).toList());
            ProjectHistoryService.Page talked = service.query(new ProjectHistoryService.Request(from, to, 1, 1, null, 2,
                    null, null, null, null, null, true, null, null));
            assertEquals(2, talked.count(), "count ignores paging");
            assertEquals(List.of(11L), talked.calls().stream().map(p -> p.record().rid()).toList());
            assertNull(service.query(new ProjectHistoryService.Request(from, to, 10, 0, "IN", null, null, null, null,
                    null, null, null, null, null)).calls().stream().findFirst().orElse(null));
        }
    }

    private static CallRecord record(long rid, String phone, NumberState state, Integer talk) {
        return new CallRecord(0, 0, null, phone, state, T0.plusSeconds(rid), null, null, 1, 1, talk,
                talk == null ? null : 3, 3, null, null, null, talk, rid, null, null, null, null,
                talk == null ? 480 : 200, 16, "outdial", null);
    }
}
