package com.acme.goals.tokens;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRulesTest {

    private static Jwt token(String issuer, List<String> audience, Instant expires) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("E-042").issuer(issuer)
                .issuedAt(expires.minusSeconds(3600)).expiresAt(expires);
        if (audience != null) {
            builder.audience(audience);
        }
        return builder.build();
    }

    @Test
    void a_token_passes_only_with_the_issuer_the_audience_and_in_time() {
        var rules = TokenRules.validator("goals-local", "goals-api");
        Instant later = Instant.now().plusSeconds(600);
        assertThat(rules.validate(token("goals-local", List.of("goals-api", "other"), later)).hasErrors()).isFalse();
        assertThat(rules.validate(token("someone-else", List.of("goals-api"), later)).hasErrors()).isTrue();
        assertThat(rules.validate(token("goals-local", List.of("other"), later)).hasErrors()).isTrue();
        assertThat(rules.validate(token("goals-local", null, later)).hasErrors()).isTrue();
        assertThat(rules.validate(token("goals-local", List.of("goals-api"), Instant.now().minusSeconds(120))).hasErrors()).isTrue();
    }

    @Test
    void without_a_configured_audience_any_audience_passes() {
        var rules = TokenRules.validator("goals-local", "");
        assertThat(rules.validate(token("goals-local", null, Instant.now().plusSeconds(600))).hasErrors()).isFalse();
    }

    @Test
    void a_short_secret_is_refused_at_start() {
        assertThatThrownBy(() -> TokenRules.hs256Key("too-short")).hasMessageContaining("at least 32 bytes");
        assertThat(TokenRules.hs256Key("local-development-secret-change-me-0123456789").getAlgorithm()).isEqualTo("HmacSHA256");
    }
}
