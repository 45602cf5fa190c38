package org.outdial.engine.campaign;

import java.util.Objects;
import java.util.Optional;
import org.outdial.engine.pacing.ModeSettings;

/**
 * An autodialer's validated configuration: what every autodialer has, what its type adds and
 * what its mode adds. {@link CampaignValidator} builds instances from a {@link CampaignDraft};
 * a part holds only what its type or mode has, so no field is null "because it is another type".
 */
public record CampaignSettings(CommonSettings common, TypeSettings type, ModeSettings mode) {

    public CampaignSettings {
        Objects.requireNonNull(common, "common");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mode, "mode");
        if (type.operatorLines().isPresent() && operatorsOf(mode).isPresent()
                && !type.operatorLines().equals(operatorsOf(mode))) {
            throw new IllegalArgumentException("a GUARANTEED_DIAL autodialer in " + mode.autodialerMode()
                    + " mode has one set of operator lines, not two");
        }
    }

    /** The AUTODIAL part, for the AUTODIAL call flow. */
    public TypeSettings.Autodial autodial() {
        if (type instanceof TypeSettings.Autodial autodial) {
            return autodial;
        }
        throw new IllegalStateException("a " + type.autodialerType() + " autodialer has no AUTODIAL settings");
    }

    /** The FIXED part, for the FIXED pacer. */
    public ModeSettings.Fixed fixed() {
        if (mode instanceof ModeSettings.Fixed fixed) {
            return fixed;
        }
        throw new IllegalStateException("a " + mode.autodialerMode() + " autodialer has no FIXED settings");
    }

    /** Where answered calls go: present for GUARANTEED_DIAL and in FREE and SMART modes. */
    public Optional<OperatorLines> operators() {
        return type.operatorLines().or(() -> operatorsOf(mode));
    }

    private static Optional<OperatorLines> operatorsOf(ModeSettings mode) {
        return switch (mode) {
            case ModeSettings.Fixed fixed -> Optional.empty();
            case ModeSettings.Free free -> Optional.of(free.operators());
            case ModeSettings.Smart smart -> Optional.of(smart.operators());
        };
    }
}
