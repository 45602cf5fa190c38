package org.outdial.testbed.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition (format 0.0.4, the one {@code GET /metrics} serves by
 * default), strict enough that a malformed line fails the test that reads it: every sample line
 * is {@code name{label="value",...} value [timestamp]}, label values use only the escapes
 * {@code \\}, {@code \"} and {@code \n}, and every sample belongs to a family declared by a
 * {@code # TYPE} line before it. The Prometheus client for Java writes this format but ships no
 * parser, hence this one.
 */
public final class Exposition {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private Exposition(List<Sample> samples, Map<String, String> types) {
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    /** @throws IllegalArgumentException naming the line that is not in the format */
    public static Exposition parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 4 && parts[1].equals("TYPE")) {
                    types.put(parts[2], parts[3]);
                }
                continue;
            }
            Sample sample = sample(line, lineNumber);
            if (family(sample.name(), types) == null) {
                throw new IllegalArgumentException("line " + lineNumber + ": " + sample.name()
                        + " has no # TYPE line before it: " + line);
            }
            samples.add(sample);
        }
        return new Exposition(samples, types);
    }

    /** The declared type (counter, gauge, histogram, summary) of a family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** Every family declared with a {@code # TYPE} line. */
    public java.util.Set<String> families() {
        return types.keySet();
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The sum of the samples named {@code name} whose labels include every one of {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet())) {
                total += s.value();
            }
        }
        return total;
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    /** Whether any sample named {@code name} has label {@code label} at all. */
    public boolean hasLabel(String name, String label) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().containsKey(label));
    }

    /** The family a sample belongs to: its own name, or the name without a histogram's or summary's suffix. */
    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_total", "_created")) {
            if (name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()))) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static Sample sample(String line, int lineNumber) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw malformed(lineNumber, "no metric name", line);
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int start = i;
                while (isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                String label = line.substring(start, i);
                if (label.isEmpty() || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                    throw malformed(lineNumber, "a label must be name=\"value\"", line);
                }
                i += 2;
                StringBuilder value = new StringBuilder();
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw malformed(lineNumber, "unknown escape \\" + next, line);
                        }
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                i++;
                if (labels.put(label, value.toString()) != null) {
                    throw malformed(lineNumber, "label " + label + " repeats", line);
                }
                if (line.charAt(i) == ',') {
                    i++;
                } else if (line.charAt(i) != '}') {
                    throw malformed(lineNumber, "labels must be separated by ','", line);
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw malformed(lineNumber, "a space must separate the value", line);
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw malformed(lineNumber, "a sample is a value and an optional timestamp", line);
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0], lineNumber, line));
    }

    private static double value(String text, int lineNumber, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw malformed(lineNumber, "value '" + text + "' is not a number", line);
                }
            }
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
    }

    private static IllegalArgumentException malformed(int lineNumber, String why, String line) {
        return new IllegalArgumentException("line " + lineNumber + ": " + why + ": " + line);
    }
}
