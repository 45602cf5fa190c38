package org.outdial.api.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.outdial.api.http.Access;
import org.outdial.api.http.Json;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.error.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC 2.0 Call API v4.0 at {@code POST /v4.0} (seed 000: "A version is specified in a
 * basic URL as vX.Y"). It reads the envelope exactly as the seed and JSON-RPC 2.0 ask
 * ({@code jsonrpc} "2.0", an {@code id} string or whole number, a {@code method}, a {@code params}
 * object, nothing else; no batches, no notifications), then lets the request in (the IP
 * allow-list, the method, the account, the access token, the component, the points), runs the
 * method and answers {@code result.data} or the error object, both with {@code metadata}. This
 * class is the one place the facade's refusals become replies.
 *
 * <p>Every reply is HTTP 200, as JSON-RPC over HTTP has it, except {@code internal_error} (500,
 * so that a retry with the same Idempotency-Key runs again) and a method other than POST (the router's 405).
 * The route is public at the HTTP level: the Call API authenticates by {@code access_token}.
 */
public final class JsonRpcEndpoint implements RouteGroup {

    public static final String PATH = "/v4.0";
    static final String VERSION = "4.0";
    private static final Logger log = LoggerFactory.getLogger(JsonRpcEndpoint.class);
    private static final Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");
    /** Every method costs one point (the seed gives no prices). */
    private static final int POINTS = 1;

    private final Map<String, RpcMethod> methods = new LinkedHashMap<>();
    private final CallApiSettings settings;
    private final AccessTokens tokens;
    private final PointLimits limits;
    private final InstantSource clock;

    JsonRpcEndpoint(CallApiSettings settings, AccessTokens tokens, InstantSource clock, List<RpcMethod> all) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.limits = new PointLimits(settings.pointsPerMinute(), settings.pointsPerDay());
        all.forEach(m -> {
            if (methods.putIfAbsent(m.name(), m) != null) {
                throw new IllegalStateException(m.name() + " is defined twice");
            }
        });
    }

    @Override
    public void register(Router router) {
        router.post(PATH, Access.PUBLIC, this::handle);
        // Seed 000: "Requests to API are always made using POST method": other methods get the router's 405.
    }

    Response handle(Request request) {
        Instant now = clock.instant();
        JsonNode id = NullNode.instance;
        try {
            JsonNode parsed = parse(request);
            if (parsed.isObject() && parsed.get("id") != null
                    && (parsed.get("id").isTextual() || parsed.get("id").isIntegralNumber())) {
                id = parsed.get("id"); // echoed in the reply even when the rest of the envelope is wrong
            }
            ObjectNode envelope = envelope(parsed);
            String name = envelope.get("method").asText();
            ObjectNode params = (ObjectNode) envelope.get("params");
            InetAddress from = request.remoteAddress().orElse(null);
            if (from == null || !settings.allowed().allows(from)) {
                throw RpcException.of(RpcError.IP_NOT_WHITELISTED)
                        .with("ip", from == null ? "unknown" : from.getHostAddress());
            }
            RpcMethod method = methods.get(name);
            if (method == null) {
                throw RpcException.of(RpcError.METHOD_NOT_FOUND, "method", envelope.get("method"));
            }
            if (!settings.enabled()) {
                throw RpcException.of(RpcError.ACCOUNT_INACTIVE);
            }
            AccessTokens.Holder holder = method.authenticated() ? authenticate(params, now) : null;
            if (settings.disabled().contains(method.component())) {
                throw RpcException.of(RpcError.COMPONENT_DISABLED).with("component_name", method.component().title());
            }
            RpcParams read = RpcParams.of(params, method.params());
            limits.check(now, POINTS);
            Object data = method.body().call(read, holder, now);
            limits.spend(now, POINTS);
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.set("data", Json.mapper().valueToTree(data));
            result.set("metadata", metadata(now));
            return Response.json(reply(id).set("result", result));
        } catch (RpcException e) {
            return Response.json(failure(id, e, e.error().metered() ? metadata(now) : null));
        } catch (EngineException e) {
            // A refusal the method did not name more precisely: the engine's message, as the reason.
            RpcException refused = RpcException.of(RpcError.INVALID_PARAMETER_VALUE).with("reason", e.getMessage());
            return Response.json(failure(id, refused, metadata(now)));
        } catch (RuntimeException e) {
            String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            log.error("Call API internal error {} on {}", errorId, request.path(), e);
            return Response.facadeError(500, failure(id, RpcException.of(RpcError.INTERNAL_ERROR), metadata(now)))
                    .withHeader("X-Error-Id", errorId);
        }
    }

    /** The body as JSON, or parse_error (character_encoding_not_allowed when it is not UTF-8). */
    private static JsonNode parse(Request request) {
        request.header("Content-Type").ifPresent(JsonRpcEndpoint::utf8);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(request.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw RpcException.of(RpcError.CHARACTER_ENCODING_NOT_ALLOWED);
        }
        JsonNode node;
        try {
            node = text.isBlank() ? null : Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw RpcException.of(RpcError.PARSE_ERROR);
        }
        if (node == null || node.isMissingNode()) {
            throw RpcException.of(RpcError.PARSE_ERROR);
        }
        return node;
    }

    /** The request object, or the seed's refusal of it. */
    private static ObjectNode envelope(JsonNode node) {
        if (node.isArray()) {
            throw RpcException.of(RpcError.BATCH_OPERATIONS_NOT_SUPPORTED);
        }
        if (!node.isObject()) {
            throw RpcException.of(RpcError.INVALID_REQUEST, null, node);
        }
        ObjectNode envelope = (ObjectNode) node;
        if (!envelope.has("id")) {
            // JSON-RPC 2.0 section 4.1: a request without "id" is a notification.
            throw RpcException.of(RpcError.NOTIFICATIONS_NOT_SUPPORTED);
        }
        JsonNode id = envelope.get("id");
        if (!(id.isTextual() || id.isIntegralNumber())) {
            throw RpcException.of(RpcError.INVALID_REQUEST, "id", id);
        }
        JsonNode version = envelope.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.asText().equals("2.0")) {
            throw RpcException.of(RpcError.INVALID_REQUEST, "jsonrpc", version);
        }
        JsonNode method = envelope.get("method");
        if (method == null || !method.isTextual() || method.asText().isEmpty()) {
            throw RpcException.of(RpcError.INVALID_REQUEST, "method", method);
        }
        JsonNode params = envelope.get("params");
        if (params == null || !params.isObject()) {
            throw RpcException.of(RpcError.INVALID_REQUEST, "params", params);
        }
        for (Iterator<String> names = envelope.fieldNames(); names.hasNext(); ) {
            String member = names.next();
            if (!MEMBERS.contains(member)) {
                throw RpcException.of(RpcError.INVALID_REQUEST, member, envelope.get(member));
            }
        }
        return envelope;
    }

    /** Seed 000: "Content-Type has to be application/json; charset=UTF-8": another charset is refused. */
    private static void utf8(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String charset = p.substring(8).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw RpcException.of(RpcError.CHARACTER_ENCODING_NOT_ALLOWED);
                }
            }
        }
    }

    private AccessTokens.Holder authenticate(ObjectNode params, Instant now) {
        JsonNode token = params.get(RpcMethod.ACCESS_TOKEN);
        if (token == null || token.isNull()) {
            throw RpcException.of(RpcError.REQUIRED_PARAMETER_MISSED, RpcMethod.ACCESS_TOKEN, null);
        }
        if (!token.isTextual()) {
            throw RpcException.of(RpcError.DATA_TYPE_ERROR, RpcMethod.ACCESS_TOKEN, token);
        }
        AccessTokens.Holder holder = tokens.authenticate(token.asText(), now);
        if (settings.users() != null && !settings.users().contains(holder.keyId())) {
            throw RpcException.of(RpcError.FORBIDDEN);
        }
        return holder;
    }

    /** Seed 000's "Meta parameters": the version, and the limits as they stand after this request. */
    private ObjectNode metadata(Instant now) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        ObjectNode version = metadata.putObject("api_version");
        version.put("current_version_depricated", false);
        version.put("current_version", VERSION);
        version.put("latest_version", VERSION);
        metadata.set("limits", Json.mapper().valueToTree(limits.at(now)));
        return metadata;
    }

    /** The reply with the error object; {@code metadata} in its {@code data}, when given. */
    private static ObjectNode failure(JsonNode id, RpcException e, ObjectNode metadata) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("code", e.error().code());
        error.put("message", e.getMessage());
        ObjectNode data = error.putObject("data");
        data.put("mnemonic", e.error().mnemonic());
        data.put("field", e.field());
        data.set("value", value(e.value()));
        data.set("params", Json.mapper().valueToTree(e.params()));
        data.putNull("extended_helper");
        if (metadata != null) {
            data.set("metadata", metadata);
        }
        ObjectNode reply = reply(id);
        reply.set("error", error);
        return reply;
    }

    /** {@code data.value}: what the client sent, as text (seed 000: "value string"), unchanged; null when nothing was. */
    private static JsonNode value(Object value) {
        if (value == null || value instanceof NullNode) {
            return NullNode.instance;
        }
        JsonNode node = value instanceof JsonNode j ? j : Json.mapper().valueToTree(value);
        return JsonNodeFactory.instance.textNode(node.isTextual() ? node.asText() : node.toString());
    }

    private static ObjectNode reply(JsonNode id) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", id == null ? NullNode.instance : id);
        return reply;
    }
}
