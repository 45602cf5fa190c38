package org.outdial.engine.dialer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.outdial.engine.abandonment.AbandonmentLedger;
import org.outdial.engine.campaign.Campaign;
import org.outdial.engine.operator.OperatorClaims;
import org.outdial.engine.pacing.ModeSettings.OperatorPacing;
import org.outdial.engine.pacing.Outlook;

/**
 * Fills SMART's {@link Outlook} for one look at a campaign with operators: its operators from the
 * operator board, its calls in flight without an operator and the sample of its recent calls from
 * {@link LiveCalls}, its abandonment from the {@link AbandonmentLedger}. Built at every decision,
 * so it costs O(team + calls in flight): the sample's lists are built once per ended call, the
 * ledger's window is a running sum, and "today" adds at most 100 quarter-hours.
 */
final class OutlookBuilder {

    private final OperatorClaims operators;
    private final LiveCalls calls;
    private final AbandonmentLedger ledger;
    private final Duration ringTimeout;

    OutlookBuilder(OperatorClaims operators, LiveCalls calls, AbandonmentLedger ledger, Duration ringTimeout) {
        this.operators = Objects.requireNonNull(operators, "operators");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.ringTimeout = Objects.requireNonNull(ringTimeout, "ringTimeout");
    }

    /** The outlook of {@code campaign}, whose operator lines are {@code lines}, at {@code now}. */
    Outlook build(Campaign campaign, List<String> lines, Instant now) {
        return build(campaign.id(), campaign.settings().common().window().timeZone(),
                OperatorLineBook.pacing(campaign), lines, now);
    }

    /** The outlook of campaign {@code id}, in time zone {@code zone}, with FREE/SMART options {@code pacing} (or null). */
    Outlook build(long id, ZoneId zone, OperatorPacing pacing, List<String> lines, Instant now) {
        // Seed 004 markAsBusySeconds: what follows a talk before the operator is free again.
        Duration wrapUp = pacing == null ? Duration.ZERO : pacing.markAsBusy();
        return new Outlook(operators.outlook(lines, now), calls.withoutOperator(id),
                calls.measured(id, wrapUp, ringTimeout), ledger.abandonment(id, zone, now));
    }
}
