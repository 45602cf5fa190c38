package org.outdial.engine.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.outdial.engine.CampaignModule;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.BlockedListsScreen;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignDrafts;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CatalogReferences;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.robot.VoiceRobots;
import org.outdial.engine.scenario.Scenarios;
import org.outdial.engine.storage.Database;
import org.outdial.engine.storage.StorageSettings;
import org.outdial.engine.storage.Transactor;
import org.outdial.engine.trigger.TriggerActions;
import org.outdial.engine.tts.TtsProfiles;
import org.outdial.testing.ManualClock;

/** GET_CALLS_HISTORY's {@code operatorNumber}: "exact operator number. All third-party characters will be previously removed". */
class CallHistoryOperatorNumberTest {

    private static final Instant T0 = Instant.parse("2026-03-04T08:00:00Z");

    private Database database;
    private Transactor db;
    private CampaignModule module;
    private long campaign;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(StorageSettings.h2Memory("history-" + UUID.randomUUID()));
        db = new Transactor(database.dataSource());
        ManualClock clock = ManualClock.at(T0);
        var ds = database.dataSource();
        AudioLibrary audios = new AudioLibrary(ds, clock, Files.createTempDirectory("history-audio"));
        TtsProfiles profiles = new TtsProfiles(ds, clock);
        Scenarios scenarios = new Scenarios(ds, clock, java.util.Set.of("test"));
        module = CampaignModule.create(db, clock, ZoneId.of("Europe/Kyiv"), CampaignLimits.SEED,
                new CatalogReferences(audios, new Operators(ds, clock), profiles, scenarios, new VoiceRobots(ds, clock),
                        new TriggerActions(ds, clock)), new BlockedListsScreen(new BlockedLists(ds, clock)),
                CampaignChanges.none());
        campaign = module.campaigns().add(CampaignDrafts.autodial().build());
        CallHistoryRepository history = new CallHistoryRepository();
        db.inTransaction(c -> {
            int i = 0;
            for (String operator : new String[] {"2045", "2045", "20451", "2046", null}) {
                history.insert(c, new CallRecord(0, campaign, null, "38067100000" + i++,
                        operator == null ? NumberState.ANSW_NF_OP : NumberState.ANSWER, T0, operator, null, 1, 1, 30,
                        5, 5, 3, 12, 2, 25, 1L + i, null, null, null, null, 200, 16, "callee", null));
            }
            return null;
        });
    }

    @AfterEach
    void stop() {
        module.close();
        database.close();
    }

    private CallHistoryService.Page byOperator(String operatorNumber) {
        return module.history().query(campaign, new CallHistoryService.Request(null, null, null, null, null, null,
                null, operatorNumber, null, null, null, null, null, null, null));
    }

    @Test
    void theOperatorNumberMatchesExactlyAfterThirdPartyCharactersAreRemoved() {
        assertEquals(2, byOperator("2045").count());
        assertEquals(2, byOperator(" 20-45 ").count(), "third-party characters are removed first");
        assertEquals(List.of("2045", "2045"), byOperator("(2045)").items().stream().map(CallRecord::operatorNumber).toList());
        assertEquals(0, byOperator("204").count(), "exact, not a part of the number");
        assertEquals(1, byOperator("20451").count());
    }

    @Test
    void withoutAnOperatorNumberEveryCallMatchesAndTheOperatorFieldsAreRead() {
        CallHistoryService.Page all = byOperator(null);
        assertEquals(5, all.count());
        CallRecord first = all.items().getLast();
        assertEquals("2045", first.operatorNumber());
        assertEquals(3, first.secondsClientWaitOperator());
        assertEquals(12, first.secondsOperatorWaitCall());
        assertEquals(2, first.secondsForOperatorAnswered());
        assertEquals(25, first.secondsTalk());
    }
}
