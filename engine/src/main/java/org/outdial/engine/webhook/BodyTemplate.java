package org.outdial.engine.webhook;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handler's own body ("Specified JSON" or "Form (urlencoded)") with the event's values filled
 * in: each {@code {key}} naming a value of {@link StandardJson#values} becomes that value, escaped
 * for where it stands (inside a JSON string, or a form field); any other braces are left as they
 * are, so JSON objects in the template stay intact. A null value becomes empty.
 */
public final class BodyTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private BodyTemplate() {
    }

    /** For a JSON template: values are JSON string content (the template puts the quotes). */
    public static String json(String template, Map<String, Object> values) {
        return fill(template, values, v -> new String(JsonStringEncoder.getInstance().quoteAsString(v)));
    }

    /** For a urlencoded form template: values are form-encoded. */
    public static String form(String template, Map<String, Object> values) {
        return fill(template, values, v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
    }

    private static String fill(String template, Map<String, Object> values,
                               java.util.function.UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String key = m.group(1);
            String replacement = values.containsKey(key)
                    ? escape.apply(values.get(key) == null ? "" : String.valueOf(values.get(key)))
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
