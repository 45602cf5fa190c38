package org.outdial.api.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code outdial.yaml} into an {@link OutdialConfig}, in three layers: the defaults of
 * {@link OutdialConfig#defaults()}, then the file, then environment variables. A key the defaults
 * do not have is an error (a typo must not silently fall back to a default).
 *
 * <p>Environment rule: {@code OUTDIAL_} + the key's path in upper case with dots and dashes turned
 * into underscores. {@code OUTDIAL_HTTP_PORT} sets {@code http.port},
 * {@code OUTDIAL_API_RATE_LIMIT_PER_SECOND} sets {@code api.rate-limit.per-second}, and
 * {@code OUTDIAL_TRUNKS_0_PASSWORD} sets {@code password} of the first trunk in the file.
 */
public final class ConfigLoader {

    public static final String ENV_PREFIX = "OUTDIAL_";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // "min-team: 2.5" must be refused, not read as 2.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .registerModule(new SimpleModule("durations")
                    .addSerializer(Duration.class, new DurationSerializer())
                    .addDeserializer(Duration.class, new DurationDeserializer()));

    static {
        // "require-key: 1" must be refused, not read as true (no accepted-and-guessed settings).
        YAML.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    }

    /** A trunk's keys with their defaults; {@code name} and {@code host} have none. */
    private static final ObjectNode TRUNK_DEFAULTS = trunkDefaults();

    private ConfigLoader() {
    }

    /**
     * Loads {@code file} (or only the defaults when it is null) with {@code env} on top.
     *
     * @throws ConfigException naming the file or key when anything is wrong
     */
    public static OutdialConfig load(Path file, Map<String, String> env) {
        String yaml = "";
        if (file != null) {
            try {
                yaml = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new ConfigException("configuration file " + file + " does not exist");
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
        }
        return parse(yaml, env, file == null ? "configuration" : file.toString());
    }

    /** Loads YAML text with {@code env} on top; {@code source} names it in messages. */
    public static OutdialConfig parse(String yaml, Map<String, String> env, String source) {
        JsonNode user;
        try {
            user = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("cannot parse " + source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        ObjectNode merged = defaultsTree();
        if (user != null && !user.isMissingNode() && !user.isNull()) {
            if (!user.isObject()) {
                throw new ConfigException(source + " must be a YAML mapping of keys to values");
            }
            overlay(merged, (ObjectNode) user, "");
        }
        applyEnvironment(merged, "", env);
        return bind(merged);
    }

    /** Every key with its default, as YAML: what docs/CONFIGURATION.md lists. */
    public static String defaultsAsYaml() {
        try {
            return YAML.writeValueAsString(defaultsTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode defaultsTree() {
        return YAML.valueToTree(OutdialConfig.defaults());
    }

    /** Copies {@code user} onto {@code target}, refusing keys {@code target} does not have. */
    private static void overlay(ObjectNode target, ObjectNode user, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String path = prefix + key;
            JsonNode value = field.getValue();
            if (!target.has(key)) {
                throw new ConfigException("unknown configuration key '" + path + "'"
                        + (prefix.isEmpty() ? "" : "; keys under " + prefix.substring(0, prefix.length() - 1)
                        + " are " + String.join(", ", fieldNames(target))));
            }
            if (value.isNull()) {
                continue; // "key:" with nothing after it keeps the default
            }
            JsonNode current = target.get(key);
            if (path.equals("trunks")) {
                target.set(key, trunks(value));
            } else if (current.isObject()) {
                if (!value.isObject()) {
                    throw new ConfigException(path + " must be a mapping of keys to values");
                }
                overlay((ObjectNode) current, (ObjectNode) value, path + ".");
            } else if (value.isContainerNode()) {
                throw new ConfigException(path + " must be a single value, was a " + (value.isArray() ? "list" : "mapping"));
            } else {
                target.set(key, value);
            }
        }
    }

    private static ArrayNode trunks(JsonNode value) {
        if (!value.isArray()) {
            throw new ConfigException("trunks must be a list of trunks");
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < value.size(); i++) {
            JsonNode trunk = value.get(i);
            if (!trunk.isObject()) {
                throw new ConfigException("trunks[" + i + "] must be a mapping of keys to values");
            }
            ObjectNode merged = TRUNK_DEFAULTS.deepCopy();
            overlay(merged, (ObjectNode) trunk, "trunks[" + i + "].");
            result.add(merged);
        }
        return result;
    }

    private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
        for (String key : fieldNames(node)) {
            String path = prefix + key;
            JsonNode value = node.get(key);
            if (value.isObject()) {
                applyEnvironment((ObjectNode) value, path + ".", env);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    applyEnvironment((ObjectNode) value.get(i), path + "." + i + ".", env);
                }
            } else {
                String override = env.get(environmentName(path));
                if (override != null) {
                    node.set(key, TextNode.valueOf(override));
                }
            }
        }
    }

    /** {@code api.rate-limit.per-second} → {@code OUTDIAL_API_RATE_LIMIT_PER_SECOND}. */
    public static String environmentName(String path) {
        return ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static OutdialConfig bind(ObjectNode tree) {
        try {
            return YAML.treeToValue(tree, OutdialConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(e));
        }
    }

    private static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValueInstantiationException && t.getCause() instanceof IllegalArgumentException cause) {
                return cause.getMessage(); // a record's own check: the message already names the key
            }
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().contains(" must ")) {
                return t.getMessage();
            }
        }
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof InvalidFormatException f) {
            return path + " must be " + expected(f.getTargetType()) + ", was '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + " must be " + expected(m.getTargetType());
        }
        return path + ": " + e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (type == Duration.class) {
            return "a duration like 500ms, 40s, 5m or 1h";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys to values";
    }

    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ObjectNode trunkDefaults() {
        ObjectNode trunk = JsonNodeFactory.instance.objectNode();
        trunk.putNull("name");
        trunk.putNull("host");
        trunk.put("port", 5060);
        trunk.put("transport", "udp");
        trunk.putNull("username");
        trunk.putNull("password");
        trunk.putNull("caller-id");
        trunk.put("prefix", "");
        trunk.put("max-calls", 30);
        trunk.put("max-cps", 5);
        return trunk;
    }

    private static final class DurationSerializer extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(HumanDuration.format(value));
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return HumanDuration.parse("duration", p.getValueAsString());
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(p.getValueAsString(), Duration.class, e.getMessage());
            }
        }
    }
}
