package org.outdial.engine.campaign;

/** Whether numbers that called the project themselves are skipped (seed 004, {@code clientCalledMode}). */
public enum ClientCalledMode {
    NEVER, ANSWERED_CALLS, ALL_CALLS
}
