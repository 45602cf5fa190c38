package org.outdial.engine.dialer;

import java.util.List;
import java.util.Optional;
import org.outdial.engine.scenario.OutScenario;
import org.outdial.engine.scenario.Scenarios;

/**
 * Decides a campaign's route: its outgoing scenario's trunk and caller ID, else the first
 * configured trunk with the trunk's own caller ID. One scenario lookup per look at the campaign.
 */
final class Routes {

    private final Scenarios scenarios;
    private final String defaultTrunk;

    Routes(Scenarios scenarios, List<String> trunks) {
        if (trunks.isEmpty()) {
            throw new IllegalArgumentException("the dialer needs at least one trunk");
        }
        this.scenarios = scenarios;
        this.defaultTrunk = trunks.getFirst();
    }

    Route of(DialPlan plan) {
        Long id = plan.outScenarioId();
        Optional<OutScenario> out = id == null ? Optional.empty() : scenarios.findOut(id);
        return out.map(scenario -> new Route(scenario.trunk(), scenario.callerId()))
                .orElse(new Route(defaultTrunk, null));
    }
}
