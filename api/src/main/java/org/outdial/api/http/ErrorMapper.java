package org.outdial.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.outdial.engine.error.EngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses. The body is always UniTalk's
 * {@code {"status":"Error","message":...,"data":...}}; the status code follows docs/API.md
 * ("Errors"). Nothing from inside Outdial leaks: no stack trace, no class name.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    static final String INTERNAL_ERROR = "Internal error";
    public static final String ERROR_ID_HEADER = "X-Error-Id";
    private static final Pattern START_MARKER =
            Pattern.compile("\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)");

    private ErrorMapper() {
    }

    /** The response for {@code error}, thrown while handling {@code method} {@code path}. */
    public static Response toResponse(Throwable error, String method, String path) {
        if (error instanceof EngineException e) {
            return response(status(e.kind()), e.getMessage(), e.data(), Map.of());
        }
        if (error instanceof HttpException e) {
            return response(e.status(), e.getMessage(), e.data(), e.headers());
        }
        if (error instanceof JsonMappingException e) {
            return response(400, wrongValue(e), null, Map.of());
        }
        if (error instanceof StreamReadException e) {
            HttpException malformed = malformed(e);
            return response(400, malformed.getMessage(), null, Map.of());
        }
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("Internal error {} on {} {}", id, method, path, error);
        return response(500, INTERNAL_ERROR, null, Map.of(ERROR_ID_HEADER, id));
    }

    /**
     * The status code of each engine refusal. BUSY ("Try again later": the same work was done
     * moments ago) is a 409: the resource's state forbids it for now. 429 is kept for the per-key
     * request limits, so a client that sees 429 knows to slow down everywhere.
     */
    public static int status(EngineException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT, BUSY -> 409;
            case TOO_LARGE -> 413;
        };
    }

    private static Response response(int status, String message, Object data, Map<String, String> headers) {
        return Response.error(status, Envelope.error(message, data), headers);
    }

    /** A body that is not JSON at all: where and what, as Jackson says it, without the source. */
    static HttpException malformed(IOException e) {
        if (e instanceof JsonMappingException m) {
            return HttpException.badRequest(wrongValue(m));
        }
        String what = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        String where = e instanceof JsonProcessingException j && j.getLocation() != null
                ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")"
                : "";
        return HttpException.badRequest("Malformed JSON: " + withoutSource(firstLine(what)) + where);
    }

    /** Jackson names its input "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 1]". */
    private static String withoutSource(String message) {
        return START_MARKER.matcher(message).replaceAll("(opened at line $1, column $2)")
                .replaceAll("\\s*\\[Source: [^\\]]*\\]", "");
    }

    /** "Wrong value for 'task.threadCount': expected a number". */
    static String wrongValue(JsonMappingException e) {
        String field = path(e.getPath());
        String subject = field.isEmpty() ? "Wrong value" : "Wrong value for '" + field + "'";
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return subject + ": " + cause.getMessage();
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String expected = expected(m.getTargetType());
            if (e instanceof InvalidFormatException f && f.getValue() != null && f.getTargetType().isEnum()) {
                return subject + ": expected " + expected + ", was '" + f.getValue() + "'";
            }
            return subject + ": expected " + expected;
        }
        return subject;
    }

    /**
     * The refusal of a value bound to an integer field that JSON lets through but an integer is
     * not: a fraction (1.9, never truncated to 1), a boolean, or a number beyond the field's type
     * ("Wrong value for 'id': expected a whole number in -9223372036854775808..9223372036854775807,
     * was 9223372036854775808"). Empty for every other mapping problem, which keeps its message.
     *
     * @param root the JSON the path of {@code e} starts at
     */
    static Optional<HttpException> wrongInteger(JsonMappingException e, JsonNode root) {
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType()
                : e.getCause() instanceof InputCoercionException c ? c.getTargetType() : null;
        IntegerRange range = target == null ? null : IntegerRange.of(target);
        JsonNode value = valueAt(root, e.getPath());
        if (range == null || value == null || !(value.isNumber() || value.isBoolean())) {
            return Optional.empty();
        }
        String field = path(e.getPath());
        String subject = field.isEmpty() ? "Wrong value" : "Wrong value for '" + field + "'";
        String expected = value.isIntegralNumber()
                ? "a whole number in " + range.min() + ".." + range.max() : "a whole number";
        return Optional.of(HttpException.badRequest(subject + ": expected " + expected + ", was " + value));
    }

    /** The bounds of Java's integer types, as a client reads them. */
    private record IntegerRange(long min, long max) {
        static IntegerRange of(Class<?> type) {
            if (type == Long.class || type == long.class) {
                return new IntegerRange(Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (type == Integer.class || type == int.class) {
                return new IntegerRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (type == Short.class || type == short.class) {
                return new IntegerRange(Short.MIN_VALUE, Short.MAX_VALUE);
            }
            if (type == Byte.class || type == byte.class) {
                return new IntegerRange(Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            return null;
        }
    }

    private static JsonNode valueAt(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : path) {
            if (node == null) {
                return null;
            }
            node = ref.getFieldName() != null ? node.get(ref.getFieldName())
                    : ref.getIndex() >= 0 ? node.get(ref.getIndex()) : null;
        }
        return node;
    }

    /** The JSON words for a Java type. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                names.append(i == 0 ? "" : ", ").append(((Enum<?>) constants[i]).name());
            }
            return names.toString();
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() && type != char.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (TemporalAccessor.class.isAssignableFrom(type)) {
            return "a date or time in ISO-8601 form, such as 2024-05-31T18:30:00";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not an object";
        };
    }

    static String path(List<JsonMappingException.Reference> references) {
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

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
