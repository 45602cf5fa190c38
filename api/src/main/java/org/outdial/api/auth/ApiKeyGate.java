package org.outdial.api.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import org.outdial.api.http.Caller;
import org.outdial.api.http.Gate;
import org.outdial.api.http.HttpException;
import org.outdial.api.http.Request;

/**
 * Lets a request in when its {@code Authorization} header carries a known key, raw or as
 * {@code Bearer <key>} (both are UniTalk's), and the key is within its limits. Lookups are
 * cached for {@link #CACHE_TTL}, misses included, so a revoked key stops working within that time.
 */
public final class ApiKeyGate implements Gate {

    public static final Duration CACHE_TTL = Duration.ofSeconds(10);
    static final String MISSING = "Missing API key: send it in the Authorization header";
    static final String INVALID = "Invalid API key";

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final InstantSource clock;
    private final Cache<String, Optional<ApiKey>> byHash = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(10_000)
            .build();

    public ApiKeyGate(ApiKeys keys, RateLimiter limiter, InstantSource clock) {
        this.keys = keys;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public Admission enter(Request request) {
        String secret = secret(request.header("Authorization").orElse(""))
                .orElseThrow(() -> new HttpException(401, MISSING));
        ApiKey key = byHash.get(ApiKeys.hash(secret), keys::findByHash)
                .orElseThrow(() -> new HttpException(401, INVALID));
        limiter.admit(key.id(), clock.instant()).ifPresent(refusal -> {
            throw new HttpException(429, refusal.message())
                    .withHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        });
        return Admission.of(new Caller(key.id(), key.name()), () -> limiter.release(key.id()));
    }

    /** The key in an Authorization header value: {@code KEY} or {@code Bearer KEY}. */
    static Optional<String> secret(String header) {
        String value = header.strip();
        if (value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            value = value.substring(7).strip();
        }
        return value.isEmpty() || value.equalsIgnoreCase("bearer") ? Optional.empty() : Optional.of(value);
    }
}
