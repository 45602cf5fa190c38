package org.outdial.engine.dialer;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.outdial.engine.operator.OperatorClaims;

/**
 * What a flow holds for calls before their numbers are claimed ({@link CallFlow#reserve}): how
 * many calls may start, and for GUARANTEED_DIAL the operator held for each. The dialer claims at
 * most {@link #calls()} numbers, hands call {@code i} {@link #operator(int)}, and gives back what
 * it did not use with {@link #releaseFrom}.
 */
public final class Reservation {

    private final int calls;
    private final List<OperatorClaims.Claim> operators;
    private final OperatorClaims claims;

    private Reservation(int calls, List<OperatorClaims.Claim> operators, OperatorClaims claims) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls must be >= 0, was " + calls);
        }
        this.calls = calls;
        this.operators = List.copyOf(operators);
        this.claims = claims;
    }

    /** Nothing held: {@code calls} calls may start. */
    public static Reservation none(int calls) {
        return new Reservation(calls, List.of(), null);
    }

    /** One call per operator claimed from {@code claims}. */
    public static Reservation operators(List<OperatorClaims.Claim> operators, OperatorClaims claims) {
        return new Reservation(operators.size(), operators, Objects.requireNonNull(claims, "claims"));
    }

    public int calls() {
        return calls;
    }

    /** The operator held for call {@code i}, or null when the flow holds none. */
    public OperatorClaims.Claim operator(int i) {
        return i < operators.size() ? operators.get(i) : null;
    }

    /** Gives back the operators held for calls {@code used} and after: no number came for them. */
    public void releaseFrom(int used, Instant now) {
        for (int i = used; i < operators.size(); i++) {
            claims.released(operators.get(i), now);
        }
    }
}
