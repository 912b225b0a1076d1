package com.acme.goals.tokens;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.BadJwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final String SECRET = "local-development-secret-change-me-0123456789";
    private static final String OTHER_SECRET = "another-secret-of-at-least-thirty-two-bytes!!";

    /** A clock the test moves: a token's life is minutes, and the test should not wait them out. */
    private static final class Hands extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final Hands clock = new Hands();
    private final AtomicInteger checked = new AtomicInteger();

    private String signed(String secret, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("E-042").issuer("goals-local")
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes()));
        return jwt.serialize();
    }

    /** The issuer's real check, counting how often it runs. */
    private JwtDecoder issuer(String secret) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(TokenRules.hs256Key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator time = new JwtTimestampValidator();
        time.setClock(clock);
        decoder.setJwtValidator(time);
        return token -> {
            checked.incrementAndGet();
            return decoder.decode(token);
        };
    }

    @Test
    void a_callers_next_calls_skip_the_signature_check() throws Exception {
        JwtDecoder decoder = new VerifiedTokens(100, clock).before(issuer(SECRET));
        String token = signed(SECRET, clock.instant().plusSeconds(3600));

        assertThat(decoder.decode(token).getSubject()).isEqualTo("E-042");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("E-042");
        assertThat(decoder.decode(token).getSubject()).isEqualTo("E-042");

        assertThat(checked).hasValue(1);
    }

    @Test
    void a_remembered_token_is_refused_once_it_expires() throws Exception {
        JwtDecoder decoder = new VerifiedTokens(100, clock).before(issuer(SECRET));
        String token = signed(SECRET, clock.instant().plusSeconds(60));
        decoder.decode(token);

        clock.advance(Duration.ofSeconds(60 + 61)); // past the expiry and the 60 s skew the issuer's check allows

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired");
    }

    @Test
    void a_token_altered_by_one_character_is_checked_and_refused() throws Exception {
        JwtDecoder decoder = new VerifiedTokens(100, clock).before(issuer(SECRET));
        String token = signed(SECRET, clock.instant().plusSeconds(3600));
        decoder.decode(token);
        char last = token.charAt(token.length() - 2);
        String altered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);

        assertThatThrownBy(() -> decoder.decode(altered)).isInstanceOf(BadJwtException.class);
        assertThat(checked).hasValue(2);
    }

    @Test
    void after_a_few_minutes_the_signature_is_checked_again() throws Exception {
        String token = signed(OTHER_SECRET, clock.instant().plusSeconds(3600));
        VerifiedTokens verified = new VerifiedTokens(100, clock);
        verified.before(issuer(OTHER_SECRET)).decode(token);
        // the issuer's key changed: a token signed with the old key is honoured only while it is remembered
        JwtDecoder afterRotation = verified.before(issuer(SECRET));
        assertThat(afterRotation.decode(token).getSubject()).isEqualTo("E-042");

        clock.advance(VerifiedTokens.KEPT.plusSeconds(1));

        assertThatThrownBy(() -> afterRotation.decode(token)).isInstanceOf(BadJwtException.class);
    }

    @Test
    void past_its_capacity_it_forgets_rather_than_grows() throws Exception {
        JwtDecoder decoder = new VerifiedTokens(2, clock).before(issuer(SECRET));
        String first = signed(SECRET, clock.instant().plusSeconds(3600));
        decoder.decode(first);
        decoder.decode(signed(SECRET, clock.instant().plusSeconds(3601)));
        decoder.decode(signed(SECRET, clock.instant().plusSeconds(3602)));

        decoder.decode(first);

        assertThat(checked).hasValue(4);
    }
}
