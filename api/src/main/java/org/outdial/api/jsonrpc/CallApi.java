package org.outdial.api.jsonrpc;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.outdial.api.auth.ApiKeys;
import org.outdial.api.config.OutdialConfig;
import org.outdial.engine.audio.AudioLibrary;
import org.outdial.engine.call.SingleCalls;
import org.outdial.engine.tts.TtsProfiles;

/**
 * Builds the JSON-RPC 2.0 Call API v4.0 (seeds 000 and 001) from the configuration and the
 * engine's services: the facade's one entry for the composition root.
 */
public final class CallApi {

    private CallApi() {
    }

    /**
     * @param calls the engine's single calls, or a supplier of null when no trunk is configured
     * @throws IllegalArgumentException naming the {@code json-rpc} key that is wrong
     */
    public static JsonRpcEndpoint create(OutdialConfig.JsonRpc config, ApiKeys keys, InstantSource clock,
                                         Supplier<SingleCalls> calls, AudioLibrary audios, TtsProfiles profiles) {
        CallApiSettings settings = CallApiSettings.of(config);
        AccessTokens tokens = new AccessTokens(keys, settings.blockedKeys(), settings.keyLifetime());
        List<RpcMethod> methods = new ArrayList<>(UserMethods.of(tokens));
        methods.addAll(new CallMethods(settings, calls, new Messages(audios, profiles, settings)).methods());
        return new JsonRpcEndpoint(settings, tokens, clock, methods);
    }
}
