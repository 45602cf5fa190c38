package org.outdial.testbed.unitalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An error answer of the API: UniTalk's envelope {@code {"status":"Error","message":...}} and the
 * HTTP status Outdial adds to it (docs/API.md, "Errors").
 */
public final class UniTalkException extends RuntimeException {

    private final int httpStatus;
    private final String apiMessage;
    private final transient JsonNode data;

    UniTalkException(String request, int httpStatus, String apiMessage, JsonNode data) {
        super(request + " answered HTTP " + httpStatus + ": " + apiMessage + (data.isMissingNode() ? "" : " " + data));
        this.httpStatus = httpStatus;
        this.apiMessage = apiMessage;
        this.data = data;
    }

    /** 400, 401, 404, 409, 413, 429, 500 or 503 (docs/API.md). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The envelope's {@code message}: the seed's words, such as {@code Task not found}. */
    public String apiMessage() {
        return apiMessage;
    }

    /** The envelope's {@code data} (the invalid numbers of {@code Wrong numbers}, ...), or a missing node. */
    public JsonNode data() {
        return data == null ? MissingNode.getInstance() : data;
    }
}
