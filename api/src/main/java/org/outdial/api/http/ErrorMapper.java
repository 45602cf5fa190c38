package org.outdial.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
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
