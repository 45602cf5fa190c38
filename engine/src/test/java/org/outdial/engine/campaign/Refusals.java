package org.outdial.engine.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.outdial.engine.error.EngineException;

/** Asserts that the engine refuses with a seed message of a given kind. */
public final class Refusals {

    private Refusals() {
    }

    public static void refused(EngineException.Kind kind, String message, Executable action) {
        EngineException e = assertThrows(EngineException.class, action);
        assertEquals(message, e.getMessage());
        assertEquals(kind, e.kind(), message);
    }

    public static void invalid(String message, Executable action) {
        refused(EngineException.Kind.INVALID, message, action);
    }

    public static void notFound(String message, Executable action) {
        refused(EngineException.Kind.NOT_FOUND, message, action);
    }
}
