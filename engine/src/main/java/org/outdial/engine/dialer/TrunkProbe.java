package org.outdial.engine.dialer;

import java.util.concurrent.CompletableFuture;

/** Sends one OPTIONS to a trunk (the telephony's {@code probe}): the final response's status, or a failure when none came. */
@FunctionalInterface
public interface TrunkProbe {

    CompletableFuture<Integer> probe(String trunk);
}
