package org.outdial.engine.number;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.campaign.CampaignStore;
import org.outdial.engine.campaign.CampaignChanges;
import org.outdial.engine.campaign.CampaignLimits;
import org.outdial.engine.campaign.CampaignRepository;
import org.outdial.engine.campaign.StatusTransitions;
import org.outdial.engine.campaign.CampaignEvent;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.storage.Transactor;

/**
 * The number actions of {@code /autodial/action}: ADD_NUMBERS, GET_NUMBER, GET_NUMBERS,
 * REMOVE_NUMBERS and REMOVE_ALL_NUMBERS, with the seed's limits and messages.
 *
 * <p>ADD_NUMBERS answers once the numbers are accepted (staged, counted, status moved, committed);
 * {@link NumberExpander} writes their rows out just after. Every other action here first waits
 * for that, so each sees all the numbers an earlier answer confirmed. Changes wait twice: before
 * they lock the autodialer (so a dialer claim is not held up behind the wait) and again under the
 * lock (an add may have committed in between). Reads wait before they take a connection, so many
 * waiting readers cannot empty the pool the expander needs.
 */
public final class NumberService {

    /** Seed 004, GET_NUMBERS: "By default, limit is 1000, the maximum value is 5000". */
    public static final int DEFAULT_PAGE = 1000;
    public static final int MAX_PAGE = 5000;

    /** ADD_NUMBERS as sent, apart from the autodialer id. */
    public record AddRequest(List<String> numbers, List<NumberDraft> numbersWithData, boolean highPriority,
                             boolean refreshDuplicates) {
    }

    /** REMOVE_NUMBERS's outcome: the phones that were not valid numbers (the seed's data). */
    public record Removed(long removed, List<String> invalid) {
    }

    /** {@link #addValid}'s outcome: what adding the valid phones did, and the phones skipped as invalid. */
    public record ValidAdded(NumberWriter.Added added, List<String> invalid) {
    }

    private final Transactor db;
    private final InstantSource clock;
    private final CampaignLimits limits;
    private final CampaignRepository campaigns;
    private final NumberRepository numbers;
    private final StateCounts counts;
    private final StatusTransitions transitions;
    private final NumberIntake intake;
    private final NumberWriter writer;
    private final NumberExpander expander;
    private final NumbersHandler handler;
    private final CampaignChanges changes;

    public NumberService(CampaignStore store) {
        this.db = store.db();
        this.clock = store.clock();
        this.limits = store.limits();
        this.campaigns = store.campaigns();
        this.numbers = store.numbers();
        this.counts = store.counts();
        this.transitions = store.transitions();
        this.intake = store.intake();
        this.writer = store.writer();
        this.expander = store.expander();
        this.handler = store.handler();
        this.changes = store.changes();
    }

    public NumberWriter.Added add(long campaignId, AddRequest request) {
        Campaign campaign = db.read(c -> campaigns.find(c, campaignId)).orElseThrow(NumberService::taskNotFound);
        NumberIntake.Accepted accepted = intake.accept(campaign.type(), request.numbers(), request.numbersWithData(),
                limits.maxAddNumbers());
        NumberWriter.Added added = handler.exclusively(() -> {
            expander.awaitExpanded(campaignId);
            Instant now = clock.instant();
            NumberWriter.Added written = db.inTransaction(c -> {
                Campaign locked = campaigns.lock(c, campaignId).orElseThrow(NumberService::taskNotFound);
                expander.awaitExpanded(c, campaignId);
                return writer.write(c, locked, accepted.numbers(), request.highPriority(),
                        request.refreshDuplicates(), limits.maxNumbersPerTask(), now);
            });
            expander.expand(campaignId);
            return written;
        });
        changes.changed(campaignId);
        return added;
    }

    /**
     * Seed 004's incoming webhook AUTODIAL_ADD: ADD_NUMBERS of the valid phones among
     * {@code phones}, each with the same name, note and link. Unlike ADD_NUMBERS, which refuses
     * a request with any wrong number whole, invalid phones are skipped: the webhook refuses only
     * when "at least one valid phone number was not found". Everything else (duplicates, blocked
     * lists, limits, the status moving, "Numbers not added") is {@link #add}'s.
     *
     * @throws EngineException "Task not found", then "Phones not found" when no phone is valid,
     *                         then any refusal of {@link #add}
     */
    public ValidAdded addValid(long campaignId, List<String> phones, String name, String note, String link) {
        db.read(c -> campaigns.find(c, campaignId)).orElseThrow(NumberService::taskNotFound);
        List<NumberDraft> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String raw : phones) {
            String phone = PhoneNumbers.normalize(raw);
            if (phone == null) {
                invalid.add(raw);
            } else {
                valid.add(new NumberDraft(phone, name, note, link, null, null));
            }
        }
        if (valid.isEmpty()) {
            throw EngineException.invalid("Phones not found");
        }
        return new ValidAdded(add(campaignId, new AddRequest(null, valid, false, false)), List.copyOf(invalid));
    }

    public AutodialNumber get(long campaignId, String rawPhone) {
        expander.awaitExpanded(campaignId); // first, holding no connection while it waits
        return db.read(c -> {
            campaigns.find(c, campaignId).orElseThrow(NumberService::taskNotFound);
            String phone = PhoneNumbers.normalize(rawPhone);
            if (phone == null) {
                throw EngineException.invalid("Wrong phone number");
            }
            return numbers.find(c, campaignId, phone)
                    .orElseThrow(() -> EngineException.notFound("Call not found"));
        });
    }

    public List<AutodialNumber> page(long campaignId, Integer limit, Long offset, List<String> stateNames) {
        int pageSize = limit == null ? DEFAULT_PAGE : limit;
        long skip = offset == null ? 0 : offset;
        Set<NumberState> states = states(stateNames);
        expander.awaitExpanded(campaignId); // first, holding no connection while it waits
        return db.read(c -> {
            campaigns.find(c, campaignId).orElseThrow(NumberService::taskNotFound);
            if (pageSize < 1 || pageSize > MAX_PAGE) {
                throw EngineException.invalid("Limit range is 1-5000");
            }
            if (skip < 0) {
                throw EngineException.invalid("Offset cannot be negative");
            }
            return numbers.page(c, campaignId, states, pageSize, skip);
        });
    }

    /**
     * REMOVE_NUMBERS: by phones when given (at most 10,000), otherwise by states. Numbers being
     * dialed are removed too; their call still gets its record.
     */
    public Removed remove(long campaignId, List<String> phones, List<String> stateNames) {
        db.read(c -> campaigns.find(c, campaignId)).orElseThrow(NumberService::taskNotFound);
        boolean byPhones = phones != null && !phones.isEmpty();
        if (!byPhones && (stateNames == null || stateNames.isEmpty())) {
            throw EngineException.invalid("numbers and states is null");
        }
        if (byPhones && phones.size() > limits.maxRemoveNumbers()) {
            throw EngineException.invalid("Too many numbers");
        }
        List<String> invalid = new ArrayList<>();
        Set<String> valid = new LinkedHashSet<>();
        Set<NumberState> states = EnumSet.noneOf(NumberState.class);
        if (byPhones) {
            for (String raw : phones) {
                String phone = PhoneNumbers.normalize(raw);
                if (phone == null) {
                    invalid.add(raw);
                } else {
                    valid.add(phone);
                }
            }
            if (valid.isEmpty()) {
                throw EngineException.invalid("Phones not found");
            }
        } else {
            states.addAll(states(stateNames));
        }
        Removed removed = handler.exclusively(() -> {
            expander.awaitExpanded(campaignId);
            Instant now = clock.instant();
            return db.inTransaction(c -> {
                Campaign campaign = campaigns.lock(c, campaignId).orElseThrow(NumberService::taskNotFound);
                expander.awaitExpanded(c, campaignId);
                EnumMap<NumberState, Long> deleted = byPhones ? numbers.deletePhones(c, campaignId, valid)
                        : numbers.deleteStates(c, campaignId, states);
                if (deleted.isEmpty()) {
                    throw EngineException.notFound(byPhones ? "Numbers not found" : "Numbers not found by states");
                }
                return new Removed(afterRemoval(c, campaign, deleted, now), List.copyOf(invalid));
            });
        });
        changes.changed(campaignId);
        return removed;
    }

    public long removeAll(long campaignId) {
        long removed = handler.exclusively(() -> {
            expander.awaitExpanded(campaignId);
            Instant now = clock.instant();
            return db.inTransaction(c -> {
                Campaign campaign = campaigns.lock(c, campaignId).orElseThrow(NumberService::taskNotFound);
                expander.awaitExpanded(c, campaignId);
                long n = numbers.deleteAll(c, campaignId);
                if (n == 0) {
                    throw EngineException.notFound("Numbers not found");
                }
                counts.reset(c, campaignId);
                transitions.apply(c, campaign, CampaignEvent.NUMBERS_EMPTIED, now);
                return n;
            });
        });
        changes.changed(campaignId);
        return removed;
    }

    private long afterRemoval(java.sql.Connection c, Campaign campaign, EnumMap<NumberState, Long> deleted,
                              Instant now) throws java.sql.SQLException {
        EnumMap<NumberState, Long> deltas = new EnumMap<>(NumberState.class);
        long total = 0;
        for (Map.Entry<NumberState, Long> entry : deleted.entrySet()) {
            deltas.put(entry.getKey(), -entry.getValue());
            total += entry.getValue();
        }
        counts.adjust(c, campaign.id(), deltas);
        if (numbers.count(c, campaign.id()) == 0) {
            transitions.apply(c, campaign, CampaignEvent.NUMBERS_EMPTIED, now);
        }
        return total;
    }

    private static Set<NumberState> states(List<String> names) {
        Set<NumberState> states = EnumSet.noneOf(NumberState.class);
        if (names == null) {
            return states;
        }
        for (String name : names) {
            NumberState state = NumberState.parse(name);
            if (state == null) {
                throw EngineException.invalid("Wrong call state: " + name);
            }
            states.add(state);
        }
        return states;
    }

    private static EngineException taskNotFound() {
        return EngineException.notFound("Task not found");
    }
}
