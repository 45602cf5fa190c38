package org.outdial.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * UniTalk's response body: {@code {"status":"Success"|"Error","message":...,"data":...}}, with
 * {@code message} and {@code data} left out when absent, as in the seed's examples.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "message", "data"})
public record Envelope(String status, String message, Object data) {

    public static final String SUCCESS = "Success";
    public static final String ERROR = "Error";

    public static Envelope success(String message, Object data) {
        return new Envelope(SUCCESS, message, data);
    }

    public static Envelope error(String message, Object data) {
        return new Envelope(ERROR, message, data);
    }
}
