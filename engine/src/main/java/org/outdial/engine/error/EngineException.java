package org.outdial.engine.error;

import java.util.List;

/**
 * A request the engine refuses, carrying the seed's message word for word (for example
 * UniTalk's "Task not found" or "Wrong numbers") and, where the seed puts it there, the offending
 * elements in {@link #data()}. Each API module maps {@link Kind} to its own status codes once.
 * Throwing one guarantees that nothing was written.
 */
public final class EngineException extends RuntimeException {

    /** What kind of refusal this is; the API layer turns it into a status code. */
    public enum Kind {
        /** The request is malformed or a value is out of range. */
        INVALID,
        /** A referenced object (autodialer, number, audio, ...) does not exist. */
        NOT_FOUND,
        /** The request is valid but the current state forbids it (finished task, duplicate name). */
        CONFLICT,
        /** The same work is already running or was done too recently; try again later. */
        BUSY,
        /** The request exceeds a size limit. */
        TOO_LARGE
    }

    private final Kind kind;
    private final transient Object data;

    public EngineException(Kind kind, String message) {
        this(kind, message, null);
    }

    public EngineException(Kind kind, String message, Object data) {
        super(message, null, false, false);
        this.kind = kind;
        this.data = data;
    }

    public static EngineException invalid(String message) {
        return new EngineException(Kind.INVALID, message);
    }

    public static EngineException invalid(String message, List<?> data) {
        return new EngineException(Kind.INVALID, message, data);
    }

    public static EngineException notFound(String message) {
        return new EngineException(Kind.NOT_FOUND, message);
    }

    public static EngineException conflict(String message) {
        return new EngineException(Kind.CONFLICT, message);
    }

    public static EngineException busy(String message) {
        return new EngineException(Kind.BUSY, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The seed's {@code data} payload (for example the invalid numbers), or null. */
    public Object data() {
        return data;
    }
}
