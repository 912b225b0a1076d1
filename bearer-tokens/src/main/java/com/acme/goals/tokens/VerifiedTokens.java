package com.acme.goals.tokens;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature, issuer and audience were checked, by their exact text, for a few minutes: a caller's next
 * calls skip parsing the token and checking its signature, which was about a tenth of a plain read's CPU at the
 * gateway and again at the service (issue 18). The time checks ({@code exp}, {@code nbf}) run on every call, so an
 * expired token is refused as before. A token is kept at most {@link #KEPT}, so a key withdrawn from the issuer's key
 * set stops being honoured within that time, as the key set's own cache already allows.
 */
public final class VerifiedTokens {

    static final Duration KEPT = Duration.ofMinutes(5);

    private record Verified(Jwt jwt, Instant until) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;
    private final OAuth2TokenValidator<Jwt> time;

    public VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        this.time = timestamps;
    }

    /**
     * Room for the callers of a few minutes: a development token costs about 1.2 kB kept (1,006 bytes beside its
     * 207-character text, measured), an issuer's longer tokens somewhat more, so a few MB of a 320 MB heap at most;
     * past that it starts again empty, which costs one check per caller and is cheaper than tracking use.
     */
    public static VerifiedTokens standard() {
        return new VerifiedTokens(4_096, Clock.systemUTC());
    }

    /** The token checked before, if it is still within its times and was checked less than {@link #KEPT} ago. */
    public Jwt find(String token) {
        Verified hit = verified.get(token);
        if (hit == null) {
            return null;
        }
        if (clock.instant().isAfter(hit.until()) || time.validate(hit.jwt()).hasErrors()) {
            verified.remove(token, hit);
            return null;
        }
        return hit.jwt();
    }

    /** Remembers a token the decoder accepted. */
    public Jwt remember(String token, Jwt jwt) {
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, clock.instant().plus(KEPT)));
        return jwt;
    }

    /** {@code decoder} in front of which the tokens it accepted are remembered. */
    public JwtDecoder before(JwtDecoder decoder) {
        return token -> {
            Jwt hit = find(token);
            return hit != null ? hit : remember(token, decoder.decode(token));
        };
    }
}
