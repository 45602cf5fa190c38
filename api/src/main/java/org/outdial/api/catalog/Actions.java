package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Arrays;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;

/**
 * The request conventions the admin routes share with UniTalk's /autodial/action: a required
 * {@code action} field picks the operation, {@code id} names the target.
 */
public final class Actions {

    private Actions() {
    }

    /** The body's {@code action} as one of {@code type}'s constants. */
    public static <E extends Enum<E>> E action(Request request, Class<E> type) throws JsonMappingException {
        return enumField(request, "action", type);
    }

    /** A required enum field; "list is null" when missing, "Wrong list" when unknown. */
    public static <E extends Enum<E>> E enumField(Request request, String field, Class<E> type) throws JsonMappingException {
        String value = request.bind(field, String.class);
        if (value == null) {
            throw HttpException.badRequest(field + " is null");
        }
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst()
                .orElseThrow(() -> HttpException.badRequest("Wrong " + field));
    }

    /** The body's required {@code id}. */
    public static long id(Request request) throws JsonMappingException {
        Long id = request.bind("id", Long.class);
        if (id == null) {
            throw HttpException.badRequest("id is null");
        }
        return id;
    }

    /** A required object field bound to {@code type}: "profile is null" when missing. */
    public static <T> T body(Request request, String field, Class<T> type) throws JsonMappingException {
        T value = request.bind(field, type);
        if (value == null) {
            throw HttpException.badRequest(field + " is null");
        }
        return value;
    }
}
