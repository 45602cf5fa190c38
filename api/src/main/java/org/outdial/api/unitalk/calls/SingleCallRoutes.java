package org.outdial.api.unitalk.calls;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.call.SingleCallAudios;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.dialer.Dialer;

/**
 * Seed 004's single-call routes, a facade over {@link SingleCalls}: {@code /api/calls/originateNew}
 * (call a number, play audios, hang up), {@code /api/phones/directCall} (ring an internal line,
 * then the number, connect them) and {@code /api/calls/hangup}. Each parses its body, calls the
 * engine, and answers the seed's {@code {"status":"Success"}} with the call's id in {@code data}
 * (Outdial's addition: the id /calls/hangup and /history/get know the call by). The engine's
 * refusals carry the seed's messages and are mapped by the one error map.
 */
public final class SingleCallRoutes implements RouteGroup {

    /** Outdial has no voice menus and its voice robots do not run: refused rather than accepted and ignored. */
    static final String IVR_NOT_SUPPORTED = "ivrId: voice menus are not supported by this version of Outdial;"
            + " use audios";
    static final String SECRETARY_NOT_SUPPORTED = "voiceSecretaryId: voice secretaries are not supported by this"
            + " version of Outdial; use audios";
    static final String NO_TRUNKS = "Calls are not available: no trunk is configured";

    private static final TypeReference<List<SingleCallAudios.Draft>> AUDIOS = new TypeReference<>() {
    };

    private final Supplier<SingleCalls> calls;
    /** The autodialers' calls, which /calls/hangup by number also ends; null where none is wired. */
    private final Supplier<Dialer> dialer;

    /** @param calls the engine's single calls, or a supplier of null when no trunk is configured */
    public SingleCallRoutes(Supplier<SingleCalls> calls) {
        this(calls, () -> null);
    }

    public SingleCallRoutes(Supplier<SingleCalls> calls, Supplier<Dialer> dialer) {
        this.dialer = dialer;
        this.calls = calls;
    }

    @Override
    public void register(Router router) {
        router.post("/api/calls/originateNew", this::originate)
                .post("/api/calls/hangup", this::hangup)
                .post("/api/phones/directCall", this::direct);
    }

    private Response originate(Request request) throws Exception {
        String phone = text(request, "phone");
        String outerLine = text(request, "outerLine");
        String meta = text(request, "meta");
        if (request.bind("ivrId", Long.class) != null) {
            throw HttpException.badRequest(IVR_NOT_SUPPORTED);
        }
        if (request.bind("voiceSecretaryId", Long.class) != null) {
            throw HttpException.badRequest(SECRETARY_NOT_SUPPORTED);
        }
        List<SingleCallAudios.Draft> audios = request.bind("audios", AUDIOS);
        long id = calls().originate(phone, outerLine, audios, meta);
        return Response.success(null, Map.of("id", id));
    }

    private Response hangup(Request request) throws Exception {
        Long id = request.bind("id", Long.class);
        String number = text(request, "number");
        int found = calls().hangup(id, number);
        Dialer autodialers = dialer.get();
        if (id == null && autodialers != null) {
            found += autodialers.hangup(number); // seed 004: "by internal/external line number", any active call
        }
        return Response.success("Found: " + found);
    }

    /** Seed 004: a form body, "Method can also be used by passing url parameters instead of body" (a body field wins). */
    private Response direct(Request request) {
        String sip = parameter(request, "sip").orElse(null);
        String number = parameter(request, "number").orElse(null);
        String meta = parameter(request, "meta").orElse(null);
        long id = calls().direct(sip, number, meta);
        return Response.success("Called", Map.of("id", id));
    }

    private SingleCalls calls() {
        SingleCalls single = calls.get();
        if (single == null) {
            throw new HttpException(503, NO_TRUNKS);
        }
        return single;
    }

    /** A text field that may also be sent as a JSON number (a phone, a line); null when absent or null. */
    private static String text(Request request, String field) {
        JsonNode node = request.json().get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return node.asText();
        }
        throw HttpException.badRequest("Wrong value for '" + field + "': expected a string");
    }

    private static Optional<String> parameter(Request request, String name) {
        Optional<String> field = request.formField(name);
        return field.isPresent() ? field : request.query(name);
    }
}
