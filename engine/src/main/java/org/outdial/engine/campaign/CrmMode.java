package org.outdial.engine.campaign;

/** Which of an autodialer's calls are sent to CRM (seed 004, {@code crmMode}). */
public enum CrmMode {
    DONT_SEND, SEND_ANSWERED, SEND_SUCCESS, ALL_CALLS
}
