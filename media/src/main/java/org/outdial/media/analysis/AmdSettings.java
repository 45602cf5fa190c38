package org.outdial.media.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The answering-machine detector's rules, each a named setting ({@code amd.<name>} in
 * docs/TELEPHONY.md, "Answering-machine detection").
 *
 * <p>The first nine are the rules of Asterisk's {@code app_amd} under the same meaning; their
 * defaults here are those of its {@code amd.conf} except where the corpus benchmark
 * ({@code ./outdial bench amd}, docs/BENCHMARKS.md) showed a better value, which the docs name.
 * The rest are Outdial's: the adaptive noise floor, the beep and the fax tone.
 *
 * @param initialSilenceMs        no word within this long after answer: MACHINE (nobody picked up
 *                                to speak; a greeting that starts late)
 * @param greetingMs              this much speech in total: MACHINE (a person says "hello?" and waits)
 * @param afterGreetingSilenceMs  this much silence after the first word: HUMAN (a person waits for
 *                                an answer; a machine keeps talking)
 * @param totalAnalysisMs         no decision within this long: NOT_SURE
 * @param minWordLengthMs         voice shorter than this is a click or a noise, not a word
 * @param betweenWordsSilenceMs   silence at least this long ends a word
 * @param maxWords                more words than this: MACHINE
 * @param silenceThreshold        mean absolute sample value (16-bit) under which a frame is silent
 * @param maxWordLengthMs         one word this long: MACHINE
 * @param noiseFactor             a frame is voice only when its level is above this many times the
 *                                line's noise floor too (0 turns the floor off, as app_amd has none)
 * @param beepMinMs               a steady single tone of 400..2000 Hz at least this long after
 *                                speech is the beep
 * @param beepWaitMs              how long after answer to keep listening for the beep
 * @param faxToneMinMs            a fax tone (CNG 1100 Hz, CED 2100 Hz) this long before any word: FAX
 */
public record AmdSettings(int initialSilenceMs, int greetingMs, int afterGreetingSilenceMs, int totalAnalysisMs,
        int minWordLengthMs, int betweenWordsSilenceMs, int maxWords, int silenceThreshold, int maxWordLengthMs,
        double noiseFactor, int beepMinMs, int beepWaitMs, int faxToneMinMs) {

    /** The defaults (docs/TELEPHONY.md lists them beside app_amd's). */
    public static final AmdSettings DEFAULTS = new AmdSettings(2500, 1500, 800, 5000, 100, 50, 3, 256, 5000,
            2.0, 120, 30_000, 400);

    /** The keys {@link #fromMap} reads, without their {@code amd.} prefix. */
    public static final Set<String> KEYS = Set.of("initialSilenceMs", "greetingMs", "afterGreetingSilenceMs",
            "totalAnalysisMs", "minWordLengthMs", "betweenWordsSilenceMs", "maxWords", "silenceThreshold",
            "maxWordLengthMs", "noiseFactor", "beepMinMs", "beepWaitMs", "faxToneMinMs");

    public AmdSettings {
        range("initialSilenceMs", initialSilenceMs, 100, 30_000);
        range("greetingMs", greetingMs, 100, 30_000);
        range("afterGreetingSilenceMs", afterGreetingSilenceMs, 100, 30_000);
        range("totalAnalysisMs", totalAnalysisMs, 500, 60_000);
        range("minWordLengthMs", minWordLengthMs, 20, 5_000);
        range("betweenWordsSilenceMs", betweenWordsSilenceMs, 20, 5_000);
        range("maxWords", maxWords, 1, 100);
        range("silenceThreshold", silenceThreshold, 1, 32_767);
        range("maxWordLengthMs", maxWordLengthMs, 100, 60_000);
        if (!(noiseFactor == 0 || noiseFactor >= 1 && noiseFactor <= 20)) {
            throw new IllegalArgumentException("amd.noiseFactor must be 0 or 1..20, was " + noiseFactor);
        }
        range("beepMinMs", beepMinMs, 40, 5_000);
        range("beepWaitMs", beepWaitMs, 1_000, 600_000);
        range("faxToneMinMs", faxToneMinMs, 100, 10_000);
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("amd." + key + " must be " + min + ".." + max + ", was " + value);
        }
    }

    /**
     * Settings from {@code amd.*} keys (a configuration file's or a campaign's); a key not given
     * keeps its default. An unknown {@code amd.} key, a fraction where a whole number of
     * milliseconds is wanted, or a value out of range is refused, never rounded or ignored.
     */
    public static AmdSettings fromMap(Map<String, String> values) {
        Map<String, String> given = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith("amd.")) {
                String name = key.substring(4);
                if (!KEYS.contains(name)) {
                    throw new IllegalArgumentException(key + " is not supported; the AMD keys are amd." + String.join(", amd.", KEYS.stream().sorted().toList()));
                }
                given.put(name, value.strip());
            }
        });
        AmdSettings d = DEFAULTS;
        return new AmdSettings(
                integer(given, "initialSilenceMs", d.initialSilenceMs), integer(given, "greetingMs", d.greetingMs),
                integer(given, "afterGreetingSilenceMs", d.afterGreetingSilenceMs),
                integer(given, "totalAnalysisMs", d.totalAnalysisMs), integer(given, "minWordLengthMs", d.minWordLengthMs),
                integer(given, "betweenWordsSilenceMs", d.betweenWordsSilenceMs), integer(given, "maxWords", d.maxWords),
                integer(given, "silenceThreshold", d.silenceThreshold), integer(given, "maxWordLengthMs", d.maxWordLengthMs),
                decimal(given, "noiseFactor", d.noiseFactor), integer(given, "beepMinMs", d.beepMinMs),
                integer(given, "beepWaitMs", d.beepWaitMs), integer(given, "faxToneMinMs", d.faxToneMinMs));
    }

    private static int integer(Map<String, String> given, String name, int fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("-?[0-9]{1,9}")) {
            throw new IllegalArgumentException("amd." + name + " must be a whole number, was " + value);
        }
        return Integer.parseInt(value);
    }

    private static double decimal(Map<String, String> given, String name, double fallback) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.matches("-?[0-9]{1,3}(\\.[0-9]{1,3})?")) {
            throw new IllegalArgumentException("amd." + name + " must be a number like 2 or 2.5, was " + value);
        }
        return Double.parseDouble(value);
    }
}
