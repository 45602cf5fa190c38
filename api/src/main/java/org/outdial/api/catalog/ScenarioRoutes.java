package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.scenario.InAction;
import org.outdial.engine.scenario.InScenario;
import org.outdial.engine.scenario.OutScenario;
import org.outdial.engine.scenario.Scenarios;

/**
 * /scenarios/action (incoming scenarios, GET_WITH_DATA's {@code scenarios}) and
 * /outScenarios/action (outgoing scenarios, {@code outScenarios}).
 */
public final class ScenarioRoutes implements RouteGroup {

    private enum Action { GET_LIST, ADD, UPDATE, REMOVE }

    private record InJson(Long id, String name, InAction action, Long groupId) {
        InScenario toScenario() {
            return new InScenario(id == null ? 0 : id, name, action, groupId);
        }
    }

    private record OutJson(Long id, String name, String trunk, String callerId) {
        OutScenario toScenario() {
            return new OutScenario(id == null ? 0 : id, name, trunk, callerId);
        }
    }

    private final Scenarios scenarios;

    public ScenarioRoutes(Scenarios scenarios) {
        this.scenarios = scenarios;
    }

    @Override
    public void register(Router router) {
        router.post("/api/scenarios/action", this::incoming)
                .post("/api/outScenarios/action", this::outgoing);
    }

    private Response incoming(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(scenarios.listIn());
            case ADD -> Response.data(scenarios.addIn(Actions.body(request, "scenario", InJson.class).toScenario()));
            case UPDATE -> {
                scenarios.updateIn(Actions.body(request, "scenario", InJson.class).toScenario());
                yield Response.success();
            }
            case REMOVE -> {
                scenarios.removeIn(Actions.id(request));
                yield Response.success();
            }
        };
    }

    private Response outgoing(Request request) throws JsonMappingException {
        return switch (Actions.action(request, Action.class)) {
            case GET_LIST -> Response.data(scenarios.listOut());
            case ADD -> Response.data(scenarios.addOut(Actions.body(request, "scenario", OutJson.class).toScenario()));
            case UPDATE -> {
                scenarios.updateOut(Actions.body(request, "scenario", OutJson.class).toScenario());
                yield Response.success();
            }
            case REMOVE -> {
                scenarios.removeOut(Actions.id(request));
                yield Response.success();
            }
        };
    }
}
