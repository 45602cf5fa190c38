package org.outdial.sip.outcome;

/** One row of {@link OutcomeTable}: the outcome and the Q.850 cause for a situation. */
public record Classification(Outcome outcome, int q850) {
}
