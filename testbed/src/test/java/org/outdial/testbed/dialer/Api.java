package org.outdial.testbed.dialer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.outdial.testbed.unitalk.AutodialerTask;
import org.outdial.testbed.unitalk.UniTalkClient;

/**
 * The words {@code CampaignAgainstSippTest} speaks to the API in, over {@link UniTalkClient};
 * to go once that test calls the client itself (issue 9: it is being rewritten in parallel).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final UniTalkClient client;

    Api(int port, String key) {
        this.client = new UniTalkClient(port, key);
    }

    JsonNode action(ObjectNode body) {
        return client.action(body);
    }

    static ObjectNode body(String action, Long id) {
        return id == null ? UniTalkClient.request(action) : UniTalkClient.request(action, id);
    }

    /** An AUTODIAL/FIXED campaign open all week, playing half a second of silence. */
    long createCampaign(String name, int threads, ObjectNode repeatCallsSettings) {
        return client.add(AutodialerTask.autodial(name).threads(threads).repeatCalls(repeatCallsSettings));
    }

    void addNumbers(long id, Collection<String> numbers) {
        client.addNumbers(id, numbers);
    }

    JsonNode task(long id) {
        return client.task(id);
    }

    String status(long id) {
        return client.status(id);
    }

    long stateCount(long id, String state) {
        return client.stateCount(id, state);
    }

    JsonNode history(long id, int limit) {
        return client.history(id, limit);
    }
}
