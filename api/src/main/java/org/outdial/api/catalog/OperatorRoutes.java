package org.outdial.api.catalog;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.operator.GroupType;
import org.outdial.engine.operator.InnerPhone;
import org.outdial.engine.operator.LinePresence;
import org.outdial.engine.operator.Operators;
import org.outdial.engine.operator.PhoneGroup;
import org.outdial.engine.operator.WorkStatus;

/**
 * Operator lines and groups: UniTalk's /phones/inner (line statuses), /phones/inner/setStatus
 * (work status) and /groups/action, plus /phones/inner/action to administer the lines.
 */
public final class OperatorRoutes implements RouteGroup {

    private enum PhoneAction { GET_LIST, ADD, UPDATE, REMOVE }

    private enum GroupAction { GET, ADD, UPDATE, REMOVE, ADD_NUMBER, REMOVE_NUMBER }

    private record PhoneJson(String number, String password, String firstName, String lastName) {
        InnerPhone toPhone() {
            return new InnerPhone(number, password, firstName, lastName);
        }
    }

    /** A line as UniTalk's group listing shows it; the SIP password is never sent back. */
    private record PhoneView(String number, String firstName, String lastName) {
        static PhoneView of(InnerPhone p) {
            return new PhoneView(p.number(), p.firstName(), p.lastName());
        }
    }

    /**
     * A group as ADD and UPDATE take it. {@code alwaysConnected} is an Outdial extension
     * (docs/API.md): kept as JSON so that anything but true or false is refused by name.
     */
    private record GroupJson(Long id, String name, GroupType type, JsonNode alwaysConnected) {
        /** true, false, or null when absent; refused (400, nothing changed) when not a JSON boolean. */
        Boolean alwaysConnectedValue() {
            if (alwaysConnected == null || alwaysConnected.isNull()) {
                return null;
            }
            if (!alwaysConnected.isBoolean()) {
                throw HttpException.badRequest("Wrong value for 'group.alwaysConnected': expected true or false");
            }
            return alwaysConnected.booleanValue();
        }
    }

    private record GroupView(long id, String name, GroupType type, List<PhoneView> phones, boolean alwaysConnected) {
        static GroupView of(PhoneGroup g) {
            return new GroupView(g.id(), g.name(), g.type(), g.phones().stream().map(PhoneView::of).toList(),
                    g.alwaysConnected());
        }
    }

    private final Operators operators;
    private final LinePresence presence;

    public OperatorRoutes(Operators operators, LinePresence presence) {
        this.operators = operators;
        this.presence = presence;
    }

    @Override
    public void register(Router router) {
        router.post("/api/phones/inner", this::statuses)
                .post("/api/phones/inner/action", this::phones)
                .post("/api/phones/inner/setStatus", this::setStatus)
                .post("/api/groups/action", this::groups);
    }

    /** UniTalk: "an associative array, where the key is the internal line number, and the value is its current status". */
    private Response statuses(Request request) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (InnerPhone phone : operators.phones()) {
            statuses.put(phone.number(), presence.statusOf(phone.number()).wire());
        }
        return Response.data(statuses);
    }

    /** Seed 004: "the operator line number in the number parameter, and the new work status in the status parameter". */
    private Response setStatus(Request request) throws JsonMappingException {
        String number = Actions.body(request, "number", String.class);
        WorkStatus status = Actions.enumField(request, "status", WorkStatus.class);
        operators.setWorkStatus(number, status, request.bind("statusName", String.class));
        return Response.success();
    }

    private Response phones(Request request) throws JsonMappingException {
        return switch (Actions.action(request, PhoneAction.class)) {
            case GET_LIST -> Response.data(operators.phones().stream().map(PhoneView::of).toList());
            case ADD -> {
                operators.addPhone(Actions.body(request, "phone", PhoneJson.class).toPhone());
                yield Response.success();
            }
            case UPDATE -> {
                operators.updatePhone(Actions.body(request, "phone", PhoneJson.class).toPhone());
                yield Response.success();
            }
            case REMOVE -> {
                operators.removePhone(Actions.body(request, "number", String.class));
                yield Response.success();
            }
        };
    }

    private Response groups(Request request) throws JsonMappingException {
        return switch (Actions.action(request, GroupAction.class)) {
            case GET -> {
                Long groupId = request.bind("groupId", Long.class);
                List<PhoneGroup> groups = groupId == null ? operators.groups()
                        : List.of(operators.findGroup(groupId).orElseThrow(Operators::groupNotFound));
                yield Response.data(groups.stream().map(GroupView::of).toList());
            }
            case ADD -> {
                GroupJson group = Actions.body(request, "group", GroupJson.class);
                Boolean alwaysConnected = group.alwaysConnectedValue();
                yield Response.data(operators.addGroup(group.name(), group.type() == null ? GroupType.INNER_PHONES : group.type(),
                        Boolean.TRUE.equals(alwaysConnected)));
            }
            case UPDATE -> {
                GroupJson group = Actions.body(request, "group", GroupJson.class);
                operators.updateGroup(group.id() == null ? 0 : group.id(), group.name(), group.alwaysConnectedValue());
                yield Response.success();
            }
            case REMOVE -> {
                operators.removeGroup(Actions.body(request, "groupId", Long.class));
                yield Response.success();
            }
            case ADD_NUMBER -> {
                operators.addMember(Actions.body(request, "groupId", Long.class), Actions.body(request, "number", String.class));
                yield Response.success();
            }
            case REMOVE_NUMBER -> {
                operators.removeMember(Actions.body(request, "groupId", Long.class), Actions.body(request, "number", String.class));
                yield Response.success();
            }
        };
    }
}
