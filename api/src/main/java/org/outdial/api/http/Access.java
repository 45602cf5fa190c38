package org.outdial.api.http;

/** Whether a route needs an API key. */
public enum Access {
    /** The {@code Authorization} header must carry a valid key; per-key limits apply. */
    API_KEY,
    /** Anyone may call it (health checks); no key, no limits. */
    PUBLIC
}
