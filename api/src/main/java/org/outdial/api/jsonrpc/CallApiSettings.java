package org.outdial.api.jsonrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.number.PhoneNumbers;

/**
 * The {@code json-rpc} configuration section read into typed values once, at start-up; every
 * entry that is not what its key expects is refused with a message naming the key and the entry.
 *
 * @param users null: every API key may use the Call API
 */
record CallApiSettings(IpAllowList allowed, int pointsPerMinute, int pointsPerDay, Duration keyLifetime,
                       Set<Long> blockedKeys, List<String> virtualNumbers, boolean internationalCalls,
                       int ttsMaxLength, long ttsProfile, boolean enabled, Set<Long> users,
                       Set<Component> disabled) {

    static CallApiSettings of(OutdialConfig.JsonRpc c) {
        List<String> numbers = new ArrayList<>();
        for (String entry : entries(c.virtualNumbers())) {
            String number = PhoneNumbers.normalize(entry);
            if (number == null || !entry.matches("\\+?[0-9]+")) {
                throw new IllegalArgumentException("json-rpc.virtual-numbers: '" + entry
                        + "' is not a number in international format (E.164)");
            }
            numbers.add(number);
        }
        Set<Component> disabled = EnumSet.noneOf(Component.class);
        entries(c.disabledComponents()).forEach(e -> disabled.add(Component.ofKey(e)));
        return new CallApiSettings(IpAllowList.parse(c.ipWhitelist()), c.pointsPerMinute(), c.pointsPerDay(),
                c.keyLifetime(), ids("json-rpc.blocked-keys", c.blockedKeys()), List.copyOf(numbers),
                c.internationalCalls(), c.ttsMaxLength(), c.ttsProfile(), c.enabled(),
                c.users().strip().equals("*") ? null : ids("json-rpc.users", c.users()), disabled);
    }

    private static List<String> entries(String list) {
        List<String> entries = new ArrayList<>();
        for (String raw : list.split(",")) {
            if (!raw.isBlank()) {
                entries.add(raw.strip());
            }
        }
        return entries;
    }

    private static Set<Long> ids(String key, String list) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String entry : entries(list)) {
            try {
                ids.add(Long.parseLong(entry));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": '" + entry + "' is not an API key id (outdial keys list)");
            }
        }
        return Set.copyOf(ids);
    }
}
