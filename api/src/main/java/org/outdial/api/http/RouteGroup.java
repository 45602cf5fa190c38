package org.outdial.api.http;

/**
 * A set of routes that belong together (the UniTalk autodialer actions, the audio routes,
 * health). The composition root builds each group with the services it needs and registers it.
 */
@FunctionalInterface
public interface RouteGroup {

    void register(Router router);
}
