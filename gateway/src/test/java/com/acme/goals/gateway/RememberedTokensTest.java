package com.acme.goals.gateway;

import com.acme.goals.tokens.TokenRules;
import com.acme.goals.tokens.VerifiedTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.test.StepVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The gateway's reactive decoder in front of which checked tokens are remembered ({@link GatewaySecurity#remembered}). */
class RememberedTokensTest {

    private static final String SECRET = "local-development-secret-change-me-0123456789";

    /** The test moves the time, so a token can expire without the test waiting for it. */
    private Instant now = Instant.now();
    private final Clock clock = mock(Clock.class);

    RememberedTokensTest() {
        when(clock.instant()).thenAnswer(call -> now);
    }

    private final AtomicInteger checked = new AtomicInteger();

    private ReactiveJwtDecoder issuer() {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(TokenRules.hs256Key(SECRET))
                .macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setClock(clock);
        decoder.setJwtValidator(time);
        return token -> {
            checked.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private String signed(Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("E-042").issuer("goals-local")
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes()));
        return jwt.serialize();
    }

    @Test
    void a_token_is_checked_once_and_refused_once_it_expires() throws Exception {
        ReactiveJwtDecoder decoder = GatewaySecurity.remembered(issuer(), new VerifiedTokens(100, clock));
        String token = signed(clock.instant().plusSeconds(60));

        StepVerifier.create(decoder.decode(token)).assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("E-042")).verifyComplete();
        StepVerifier.create(decoder.decode(token)).assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("E-042")).verifyComplete();
        assertThat(checked).hasValue(1);

        now = now.plus(Duration.ofSeconds(121)); // past the expiry and the 60 s skew
        StepVerifier.create(decoder.decode(token)).expectError(JwtValidationException.class).verify();
    }

    @Test
    void a_refused_token_is_not_remembered() throws Exception {
        ReactiveJwtDecoder decoder = GatewaySecurity.remembered(issuer(), new VerifiedTokens(100, clock));
        String expired = signed(clock.instant().minusSeconds(120));

        StepVerifier.create(decoder.decode(expired)).expectError(JwtValidationException.class).verify();
        StepVerifier.create(decoder.decode(expired)).expectError(JwtValidationException.class).verify();

        assertThat(checked).hasValue(2);
    }
}
