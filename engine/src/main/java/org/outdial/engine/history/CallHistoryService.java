package org.outdial.engine.history;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.number.NumberState;
import org.outdial.engine.number.PhoneNumbers;
import org.outdial.engine.storage.Transactor;

/** GET_CALLS_HISTORY: the seed's checks, then one count and one page query. */
public final class CallHistoryService {

    /** Seed 004: "By default, limit is 50". */
    public static final int DEFAULT_LIMIT = 50;
    /**
     * Seed 004's text says "the maximum value is 1000", but its error says "Limit range is 1-5000"
     * ("The limit value is not in the range from 1 to 5000"); Outdial follows the error, as
     * GET_NUMBERS does: a 5,000-record page is measured in docs/API.md.
     */
    public static final int MAX_LIMIT = 5000;

    /**
     * The request's {@code callHistoryRequest}, unchecked; the filter fields are flattened in.
     * The dates are wall-clock times in {@link #zone()}: the facade reads its own format.
     */
    public record Request(LocalDateTime dateFrom, LocalDateTime dateTo, Integer offset, Integer limit, Long maxId,
                          List<String> states, String phone, String operatorNumber, String name, String note,
                          String link, String param, List<String> voiceSecretaryIds,
                          List<String> voiceSecretaryEndNodeTypes, List<String> voiceSecretaryEndReasons) {
    }

    /** The answer: how many match, the paging used, and the page. */
    public record Page(long count, int offset, int limit, List<CallRecord> items) {
    }

    private final Transactor db;
    private final CampaignRepository campaigns;
    private final CallHistoryRepository history;
    private final ZoneId zone;

    public CallHistoryService(Transactor db, CampaignRepository campaigns, CallHistoryRepository history, ZoneId zone) {
        this.db = db;
        this.campaigns = campaigns;
        this.history = history;
        this.zone = zone;
    }

    public Page query(Long campaignId, Request request) {
        if (campaignId == null) {
            throw EngineException.notFound("Task not found");
        }
        db.read(c -> campaigns.find(c, campaignId)).orElseThrow(() -> EngineException.notFound("Task not found"));
        if (request == null) {
            throw EngineException.invalid("callHistoryRequest is null");
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw EngineException.invalid("Limit range is 1-" + MAX_LIMIT);
        }
        int offset = request.offset() == null ? 0 : request.offset();
        if (offset < 0) {
            throw EngineException.invalid("Offset is less than 0");
        }
        Instant from = instant(request.dateFrom());
        Instant to = instant(request.dateTo());
        Set<NumberState> states = EnumSet.noneOf(NumberState.class);
        if (request.states() != null) {
            for (String name : request.states()) {
                NumberState state = NumberState.parse(name);
                if (state == null) {
                    throw EngineException.invalid("Wrong call state: " + name);
                }
                states.add(state);
            }
        }
        CallHistoryQuery query = new CallHistoryQuery(campaignId, from, to, offset, limit, request.maxId(), states,
                digits(request.phone()), digits(request.operatorNumber()), request.name(), request.note(),
                request.link(), request.param(), request.voiceSecretaryIds(), request.voiceSecretaryEndNodeTypes(),
                request.voiceSecretaryEndReasons());
        return db.read(c -> new Page(history.count(c, query), offset, limit, history.page(c, query)));
    }

    /** The zone GET_CALLS_HISTORY's dates are read and written in. */
    public ZoneId zone() {
        return zone;
    }

    private Instant instant(LocalDateTime local) {
        return local == null ? null : local.atZone(zone).toInstant();
    }

    private static String digits(String raw) {
        return raw == null ? null : PhoneNumbers.digitsOf(raw);
    }
}
