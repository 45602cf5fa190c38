package org.outdial.api.http;

/**
 * Decides whether a request to an {@link Access#API_KEY} route may run: checks its key and the
 * key's limits. {@code org.outdial.api.auth.ApiKeyGate} is the real one.
 */
@FunctionalInterface
public interface Gate {

    /**
     * Lets the request in or throws an {@link HttpException} (401, 429) saying why not. The
     * admission is closed when the handler has finished, which frees its concurrency slot.
     */
    Admission enter(Request request);

    /** A gate that lets everyone in as key 0, for tests of routing alone. */
    static Gate openToAll() {
        return request -> Admission.of(new Caller(0, "anonymous"), () -> { });
    }

    /** A request let in: who it is, and what to do when it is done. */
    interface Admission extends AutoCloseable {

        Caller caller();

        @Override
        void close();

        static Admission of(Caller caller, Runnable onClose) {
            return new Admission() {
                @Override
                public Caller caller() {
                    return caller;
                }

                @Override
                public void close() {
                    onClose.run();
                }
            };
        }
    }
}
