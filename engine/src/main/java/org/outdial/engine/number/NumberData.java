package org.outdial.engine.number;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A number as it will be stored: normalized phone, data cut to the seed's lengths ("the first
 * 100 characters are taken into account"), parameters keyed 1..10, and its own audios.
 */
public record NumberData(String phone, String name, String note, String link, SortedMap<Integer, String> params,
                         List<NumberAudio> audios) {

    /** Seed 004, ADD_NUMBERS: name 100, note 500, link 500, each parameter 500 characters. */
    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 500;
    public static final int MAX_PARAMS = 10;

    public NumberData {
        params = params == null ? new TreeMap<>() : new TreeMap<>(params);
        audios = audios == null ? List.of() : List.copyOf(audios);
    }

    public static NumberData of(String phone) {
        return new NumberData(phone, null, null, null, null, null);
    }

    public Map<Integer, String> paramsView() {
        return java.util.Collections.unmodifiableSortedMap(params);
    }
}
