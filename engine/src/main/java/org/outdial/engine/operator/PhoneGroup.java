package org.outdial.engine.operator;

import java.util.List;
import java.util.Objects;
import org.outdial.engine.catalog.EntityName;
import org.outdial.engine.error.EngineException;

/**
 * A group of lines ("telephony department": "Sales department") that calls are transferred to.
 *
 * @param id     0 for a group not stored yet
 * @param phones          the member lines, by number
 * @param alwaysConnected an Outdial extension: each member's phone is called once when the
 *                        operator is ready and kept on the line, and answered callees are switched
 *                        onto it (docs/DIALER.md, "Always-connected operators"); false: rung per call
 */
public record PhoneGroup(long id, String name, GroupType type, List<InnerPhone> phones, boolean alwaysConnected) {

    public PhoneGroup {
        name = EntityName.check(name);
        if (type == null) {
            throw EngineException.invalid("Wrong group type");
        }
        phones = List.copyOf(Objects.requireNonNullElse(phones, List.of()));
    }

    /** A group rung per call, as seed 004 has them. */
    public PhoneGroup(long id, String name, GroupType type, List<InnerPhone> phones) {
        this(id, name, type, phones, false);
    }

    /** Whether autodialers may transfer calls to this group. */
    public boolean isInnerPhones() {
        return type == GroupType.INNER_PHONES;
    }
}
