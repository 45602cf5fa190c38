package org.outdial.api.http;

/**
 * Handles one request on a virtual thread (so it may block on JDBC). It returns a
 * {@link Response} or throws: an {@code EngineException} or {@link HttpException} becomes the
 * matching error response in {@link ErrorMapper}; anything else becomes a logged 500.
 */
@FunctionalInterface
public interface Handler {

    Response handle(Request request) throws Exception;
}
