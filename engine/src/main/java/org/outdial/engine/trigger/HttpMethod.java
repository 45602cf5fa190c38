package org.outdial.engine.trigger;

/** The HTTP method a webhook is sent with. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE;

    /** UniTalk: the request body type applies "For POST, PUT, PATCH". */
    public boolean hasBody() {
        return this == POST || this == PUT || this == PATCH;
    }
}
