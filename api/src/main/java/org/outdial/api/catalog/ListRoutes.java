package org.outdial.api.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import org.outdial.api.http.Request;
import org.outdial.api.http.Response;
import org.outdial.api.http.RouteGroup;
import org.outdial.api.http.Router;
import org.outdial.engine.blocklist.BlockedList;
import org.outdial.engine.blocklist.BlockedLists;
import org.outdial.engine.blocklist.ListChange;

/** UniTalk's /lists: GET, ADD and REMOVE on BLOCKED_PHONES and BLOCKED_FOR_AUTODIAL_PHONES. */
public final class ListRoutes implements RouteGroup {

    private enum Operation { GET, ADD, REMOVE }

    /** ADD's answer: how many numbers went in and how many were there already. */
    private record Added(int added, int skipped) {
    }

    /** REMOVE's answer: how many numbers went out and how many were not in the list. */
    private record Removed(int removed, int skipped) {
    }

    private final BlockedLists lists;

    public ListRoutes(BlockedLists lists) {
        this.lists = lists;
    }

    @Override
    public void register(Router router) {
        router.post("/api/lists", this::lists);
    }

    private Response lists(Request request) throws JsonMappingException {
        BlockedList list = Actions.enumField(request, "list", BlockedList.class);
        Operation operation = Actions.enumField(request, "operation", Operation.class);
        List<String> items = request.bind("items", new TypeReference<List<String>>() {
        });
        return switch (operation) {
            case GET -> Response.data(lists.get(list));
            case ADD -> {
                ListChange change = lists.add(list, items);
                yield Response.success("Added " + change.changed() + ", skipped " + change.skipped(),
                        new Added(change.changed(), change.skipped()));
            }
            case REMOVE -> {
                ListChange change = lists.remove(list, items);
                yield Response.success("Removed " + change.changed() + ", skipped " + change.skipped(),
                        new Removed(change.changed(), change.skipped()));
            }
        };
    }
}
