package org.outdial.engine.campaign;

import java.time.ZoneId;
import org.outdial.engine.error.EngineException;
import org.outdial.engine.pacing.ModeSettings;
import org.outdial.engine.pacing.ModeSettingsValidator;
import org.outdial.engine.retry.RepeatSettingsValidator;
import org.outdial.engine.trigger.TriggerBindingsValidator;
import org.outdial.engine.window.CallingWindowValidator;

/**
 * Checks an ADD/UPDATE draft against the seed's rules and builds {@link CampaignSettings}: each
 * part by the validator next to its feature, in the order of the previous single validator where
 * a request breaks several rules: the type part (with its operators), the mode part, then the
 * common fields (window, repeats, handlers). Every refusal carries the seed's message ("Wrong name", "Wrong time
 * ranges", ...); ranges the seed gives without a message read {@code key must be A..B, was X}.
 */
public final class CampaignValidator {

    /** Seed 004: "Name cannot be empty or longer than 45 characters". */
    public static final int MAX_NAME = 45;
    /** Seed 004: "The prefix must not exceed 20 characters". */
    public static final int MAX_PREFIX = 20;

    private final References references;
    private final ZoneId defaultZone;
    private final OperatorLinesValidator operators;
    private final TypeSettingsValidator types;
    private final TriggerBindingsValidator triggers;

    public CampaignValidator(References references, ZoneId defaultZone) {
        this.references = references;
        this.defaultZone = defaultZone;
        this.operators = new OperatorLinesValidator(references);
        this.types = new TypeSettingsValidator(references, operators);
        this.triggers = new TriggerBindingsValidator(references);
    }

    /** The name, trimmed, or "Wrong name". */
    public static String name(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw EngineException.invalid("Wrong name");
        }
        return name;
    }

    /** The type; a facade refuses a name it cannot read ("Wrong autodialerType: X"), the engine a missing one. */
    public static CampaignType type(CampaignType type) {
        return required(type, "autodialerType");
    }

    public static CampaignMode mode(CampaignMode mode) {
        return required(mode, "autodialerMode");
    }

    /** Validates everything but the name's uniqueness and the numbers, which need the store. */
    public CampaignSettings settings(CampaignDraft draft, CampaignType type, CampaignMode mode) {
        TypeSettings typePart = types.settings(draft, type);
        // FREE and SMART connect to the lines a GUARANTEED_DIAL already named, or to their own.
        OperatorLines lines = mode.needsOperators()
                ? typePart.operatorLines().orElseGet(() -> operators.lines(draft)) : null;
        ModeSettings modePart = ModeSettingsValidator.settings(draft, mode, lines);
        return new CampaignSettings(common(draft), typePart, modePart);
    }

    private CommonSettings common(CampaignDraft draft) {
        if (draft.outScenarioId() != null && !references.outScenarioExists(draft.outScenarioId())) {
            throw EngineException.notFound("Not found out scenario");
        }
        CallingWindow window = CallingWindowValidator.window(draft, defaultZone);
        String prefix = draft.callerIdPrefix();
        if (prefix != null && prefix.length() > MAX_PREFIX) {
            throw EngineException.invalid("Prefix is too long");
        }
        RepeatCallsSettings repeat = RepeatSettingsValidator.repeat(draft);
        var bindings = triggers.bindings(draft.triggerActions());
        CrmMode crmMode = required(draft.crmMode(), "crmMode");
        ClientCalledMode clientCalledMode = required(draft.clientCalledMode(), "clientCalledMode");
        return new CommonSettings(window, draft.outScenarioId(), bindings, repeat, prefix, crmMode, clientCalledMode,
                Boolean.TRUE.equals(draft.displayName()), Boolean.TRUE.equals(draft.displayNote()),
                Boolean.TRUE.equals(draft.removeAfterFinish()));
    }

    /** Seed 004: "crmMode is null", "clientCalledMode is null", and Outdial's "autodialerType is null". */
    private static <T> T required(T value, String key) {
        if (value == null) {
            throw EngineException.invalid(key + " is null");
        }
        return value;
    }
}
