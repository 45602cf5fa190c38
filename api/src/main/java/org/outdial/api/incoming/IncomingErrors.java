package org.outdial.api.incoming;

import org.outdial.api.http.HttpException;
import org.outdial.engine.error.EngineException;

/**
 * The error vocabulary of seed 004's incoming webhooks ("Possible errors" of AUTODIAL_ADD and
 * AUTODIAL_REMOVE), word for word, and the one place where the engine's ADD_NUMBERS and
 * REMOVE_NUMBERS refusals are put in those words. Status codes follow docs/API.md ("Errors"):
 * an unknown token is a 401, a missing autodialer or number a 404, "Phones not added" a 409
 * (like ADD_NUMBERS' "Numbers not added"), every malformed link a 400.
 */
final class IncomingErrors {

    /** "Transferred token not found in UniTalk" (also: no token at all). */
    static final String TOKEN_NOT_FOUND = "Token not found";
    /** "Missing action parameter in link" (also: an action that is neither AUTODIAL_ADD nor AUTODIAL_REMOVE). */
    static final String ACTION_NOT_FOUND = "Action not found";
    /** "Missing id parameter in link". */
    static final String ID_IS_NULL = "Id is null";
    /** "Autodialer not found by id". */
    static final String AUTODIAL_NOT_FOUND = "Autodial not found";
    /** "phones parameter is not specified or empty". */
    static final String EMPTY_PHONES = "Empty phones";
    /** "The phones parameter is not empty, but at least one valid phone number was not found in it". */
    static final String PHONES_NOT_FOUND = "Phones not found";
    /** "Failed to add numbers to the autodialer. Perhaps the numbers have already been added". */
    static final String PHONES_NOT_ADDED = "Phones not added";
    /** "Failed to delete any number. It is possible that none of the listed numbers were in the autodialer". */
    static final String CALLS_NOT_FOUND = "Calls not found";

    private IncomingErrors() {
    }

    static HttpException tokenNotFound() {
        return new HttpException(401, TOKEN_NOT_FOUND);
    }

    /**
     * {@code e} in the webhook's words where seed 004 gives the webhook its own (the autodialer
     * API's "Task not found" is the webhook's "Autodial not found"); other refusals ("Too many
     * numbers", "Handler is busy, try again later", "Numbers limit exceeded") keep the engine's
     * message, which is the autodialer API's for the same operation.
     */
    static EngineException translate(EngineException e) {
        String message = switch (e.getMessage()) {
            case "Task not found" -> AUTODIAL_NOT_FOUND;
            case "Numbers not added" -> PHONES_NOT_ADDED;
            case "Numbers not found" -> CALLS_NOT_FOUND;
            default -> null;
        };
        return message == null ? e : new EngineException(e.kind(), message, e.data());
    }
}
