package com.acme.goals.tokens;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.acme.goals.tokens.TokenSettings.LOCAL_DEVELOPMENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSettingsTest {

    private static final String OWN_SECRET = "a-secret-from-the-vault-0123456789abcdef";

    @Test
    void without_an_issuer_or_a_secret_a_deployment_refuses_to_start_and_says_what_to_set() {
        assertThatThrownBy(() -> TokenSettings.hs256SecretOrNull("", "", "", List.of()))
                .hasMessageContaining("JWT_JWK_SET_URI").hasMessageContaining("JWT_SECRET");
        assertThatThrownBy(() -> TokenSettings.hs256SecretOrNull(null, null, null, List.of("prod")))
                .hasMessageContaining("no token issuer is configured");
    }

    @Test
    void the_committed_development_secret_is_accepted_only_in_local_mode() {
        assertThatThrownBy(() -> TokenSettings.hs256SecretOrNull(LOCAL_DEVELOPMENT_SECRET, "", "", List.of()))
                .hasMessageContaining("development secret committed in the repository");
        assertThat(TokenSettings.hs256SecretOrNull("", "", "local", List.of())).isEqualTo(LOCAL_DEVELOPMENT_SECRET);
        assertThat(TokenSettings.hs256SecretOrNull(LOCAL_DEVELOPMENT_SECRET, "", "LOCAL", List.of("default")))
                .isEqualTo(LOCAL_DEVELOPMENT_SECRET);
    }

    @Test
    void local_mode_is_refused_under_the_production_profile() {
        assertThatThrownBy(() -> TokenSettings.hs256SecretOrNull(OWN_SECRET, "", "local", List.of("prod")))
                .hasMessageContaining("refused under the production profile");
    }

    @Test
    void an_issuers_keys_or_a_secret_of_ones_own_are_accepted_anywhere() {
        assertThat(TokenSettings.hs256SecretOrNull("", "https://login.example/jwks", "", List.of("prod"))).isNull();
        assertThat(TokenSettings.hs256SecretOrNull(OWN_SECRET, "", "", List.of("prod"))).isEqualTo(OWN_SECRET);
        assertThatThrownBy(() -> TokenSettings.hs256SecretOrNull("short", "", "", List.of("prod")))
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void another_committed_secret_must_be_replaced_outside_local_mode() {
        assertThatThrownBy(() -> TokenSettings.requireOwnSecret("CONSOLE_CLIENT_SECRET", "console-dev-secret",
                "console-dev-secret", "", List.of())).hasMessageContaining("CONSOLE_CLIENT_SECRET");
        TokenSettings.requireOwnSecret("CONSOLE_CLIENT_SECRET", "console-dev-secret", "console-dev-secret", "local", List.of());
        TokenSettings.requireOwnSecret("CONSOLE_CLIENT_SECRET", OWN_SECRET, "console-dev-secret", "", List.of("prod"));
    }

    @Test
    void the_check_runs_on_the_read_configuration_before_any_bean_is_made() {
        org.springframework.mock.env.MockEnvironment careless = new org.springframework.mock.env.MockEnvironment()
                .withProperty("goals.security.jwt.issuer", "goals").withProperty("goals.security.jwt.secret", "");
        assertThatThrownBy(() -> new TokenSettingCheck().postProcessEnvironment(careless, new org.springframework.boot.SpringApplication()))
                .hasMessageContaining("no token issuer is configured");
        org.springframework.mock.env.MockEnvironment local = new org.springframework.mock.env.MockEnvironment()
                .withProperty("goals.security.jwt.issuer", "goals").withProperty("goals.mode", "local");
        new TokenSettingCheck().postProcessEnvironment(local, new org.springframework.boot.SpringApplication());
    }
}
