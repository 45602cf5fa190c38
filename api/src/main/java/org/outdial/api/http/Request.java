package org.outdial.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.netty.util.CharsetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a handler sees it. The body is read only when asked for, in the form the
 * route expects: a JSON object ({@link #json()}, {@link #bind}), form fields and files
 * ({@link #form()}, {@link #file}), or text. Every problem with the body is thrown as a 400 whose
 * message says what was wrong, in terms of the request, never of Java classes.
 *
 * <p>Valid only while its handler runs: the body buffer is released afterwards.
 */
public final class Request {

    private final FullHttpRequest netty;
    private final QueryStringDecoder uri;
    private Caller caller;
    private ObjectNode json;
    private Form form;
    private final java.net.InetAddress remote;

    Request(FullHttpRequest netty) {
        this(netty, null);
    }

    Request(FullHttpRequest netty, java.net.InetAddress remote) {
        this.netty = netty;
        this.uri = new QueryStringDecoder(netty.uri(), CharsetUtil.UTF_8);
        this.remote = remote;
    }

    /**
     * The address the request came from: the TCP peer (no proxy header is trusted), for checks by
     * address such as the JSON-RPC Call API's IP allow-list. Empty when not known.
     */
    public Optional<java.net.InetAddress> remoteAddress() {
        return Optional.ofNullable(remote);
    }

    /** The raw body bytes (a copy), for a facade that checks their encoding itself. */
    public byte[] bytes() {
        byte[] copy = new byte[netty.content().readableBytes()];
        netty.content().getBytes(netty.content().readerIndex(), copy);
        return copy;
    }

    public HttpMethod method() {
        return netty.method();
    }

    /** The path without the query string, for example {@code /api/autodial/action}. */
    public String path() {
        return uri.path();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(netty.headers().get(name));
    }

    /** The first value of query parameter {@code name} ({@code /api/dictionary?type=AUDIO_TYPES}). */
    public Optional<String> query(String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every query parameter with all its values. */
    public Map<String, List<String>> queryParameters() {
        return uri.parameters();
    }

    /** The API key that sent this request. */
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException(path() + " is a public route: it has no caller");
        }
        return caller;
    }

    void caller(Caller admitted) {
        this.caller = admitted;
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return netty.content().readableBytes();
    }

    /** The body as UTF-8 text. */
    public String text() {
        return netty.content().toString(StandardCharsets.UTF_8);
    }

    /**
     * The body as a JSON object.
     *
     * @throws HttpException 400 when the body is empty, not JSON, or JSON but not an object
     */
    public ObjectNode json() {
        if (json == null) {
            ByteBuf content = netty.content();
            if (!content.isReadable()) {
                throw HttpException.badRequest("Request body is empty; expected a JSON object");
            }
            JsonNode node;
            try (InputStream in = new ByteBufInputStream(content.duplicate())) {
                node = Json.mapper().readTree(in);
            } catch (IOException e) {
                throw ErrorMapper.malformed(e);
            }
            if (node == null || node.isMissingNode()) {
                throw HttpException.badRequest("Request body is empty; expected a JSON object");
            }
            if (!node.isObject()) {
                throw HttpException.badRequest("Request body must be a JSON object, was " + ErrorMapper.kindOf(node));
            }
            json = (ObjectNode) node;
        }
        return json;
    }

    /**
     * The whole JSON body as a {@code type}. A field of the wrong type fails with 400
     * "Wrong value for 'field': expected a number"; an integer field holding a fraction, a boolean
     * or a number beyond its type fails with 400 "Wrong value for 'field': expected a whole
     * number ..., was 1.9" ({@link ErrorMapper#wrongInteger}); unknown fields are ignored.
     */
    public <T> T bind(Class<T> type) throws JsonMappingException {
        return bindNode(json(), null, Json.mapper().constructType(type));
    }

    /**
     * Field {@code field} of the JSON body as a {@code type}, or null when the body has no such
     * field or it is null. Error messages name the field with its prefix ({@code task.threadCount}).
     */
    public <T> T bind(String field, Class<T> type) throws JsonMappingException {
        return bindNode(json().get(field), field, Json.mapper().constructType(type));
    }

    /** As {@link #bind(String, Class)} for generic types such as {@code List<String>}. */
    public <T> T bind(String field, TypeReference<T> type) throws JsonMappingException {
        return bindNode(json().get(field), field, Json.mapper().getTypeFactory().constructType(type));
    }

    private <T> T bindNode(JsonNode node, String field, JavaType type) throws JsonMappingException {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (InputCoercionException e) {
            // The field itself is a number beyond its type (nested ones arrive wrapped, with a path).
            JsonMappingException wrapped = JsonMappingException.wrapWithPath(e, json(), field);
            throw ErrorMapper.wrongInteger(wrapped, json()).orElseThrow(() -> ErrorMapper.malformed(e));
        } catch (JsonMappingException e) {
            if (field != null) {
                e.prependPath(json(), field);
            }
            Optional<HttpException> integer = ErrorMapper.wrongInteger(e, json());
            if (integer.isPresent()) {
                throw integer.get();
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw ErrorMapper.malformed(e);
        }
    }

    /**
     * The form fields of an {@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data} body (first value of each, in body order); empty for other bodies.
     */
    public Map<String, String> form() {
        return decodedForm().fields;
    }

    /** Form field {@code name}, from the body or, failing that, the query string. */
    public Optional<String> formField(String name) {
        return Optional.ofNullable(form().get(name)).or(() -> query(name));
    }

    /** The uploaded file in multipart field {@code name}. */
    public Optional<Part> file(String name) {
        return decodedForm().files.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Every uploaded file, in body order. */
    public List<Part> files() {
        return decodedForm().files;
    }

    private Form decodedForm() {
        if (form == null) {
            form = decodeForm();
        }
        return form;
    }

    private Form decodeForm() {
        Map<String, String> fields = new LinkedHashMap<>();
        List<Part> files = new ArrayList<>();
        String contentType = netty.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(java.util.Locale.ROOT);
        boolean formBody = contentType.startsWith(HttpHeaderValues.MULTIPART_FORM_DATA.toString())
                || contentType.startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString());
        if (!formBody || !netty.method().equals(HttpMethod.POST) && !netty.method().equals(HttpMethod.PUT)) {
            return new Form(Map.of(), List.of());
        }
        boolean multipart = contentType.startsWith(HttpHeaderValues.MULTIPART_FORM_DATA.toString());
        if (multipart && !HttpPostRequestDecoder.isMultipart(netty)) {
            throw HttpException.badRequest("Malformed form data: multipart/form-data needs a boundary");
        }
        // Memory only: the body is already in memory and bounded by api.max-body-bytes.
        HttpPostRequestDecoder decoder = null;
        try {
            decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false, CharsetUtil.UTF_8), netty,
                    CharsetUtil.UTF_8);
            List<InterfaceHttpData> decoded = decoder.getBodyHttpDatas();
            if (decoder.currentPartialHttpData() != null) {
                throw HttpException.badRequest("Malformed form data: the body ends inside a part");
            }
            for (InterfaceHttpData data : decoded) {
                if (data instanceof FileUpload upload) {
                    String type = upload.getContentType() == null ? "application/octet-stream" : upload.getContentType();
                    files.add(new Part(upload.getName(), upload.getFilename() == null ? "" : upload.getFilename(),
                            type, upload.get()));
                } else if (data instanceof Attribute attribute) {
                    fields.putIfAbsent(attribute.getName(), attribute.getValue());
                }
            }
        } catch (io.netty.handler.codec.DecoderException | IOException
                 | IllegalArgumentException e) {
            throw HttpException.badRequest("Malformed form data: " + ErrorMapper.firstLine(e.getMessage()));
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
        }
        return new Form(Collections.unmodifiableMap(fields), List.copyOf(files));
    }

    private record Form(Map<String, String> fields, List<Part> files) {
    }
}
