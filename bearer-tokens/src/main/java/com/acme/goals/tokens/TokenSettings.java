package com.acme.goals.tokens;

import java.util.Collection;

/**
 * Which key checks tokens, decided before anything listens: an issuer's JWKS (RS256/ES256) or an HS256 secret given
 * through the environment. The development secret committed in this repository is accepted only in local mode
 * ({@code GOALS_MODE=local}, which {@code deploy/run-local.sh} and the tests set), and local mode is refused under the
 * production profile: a deployment that forgot its settings does not start, rather than accept tokens anyone who read
 * the repository can mint.
 */
public final class TokenSettings {

    /** Committed on purpose, for the embedded stack and the tests; refused everywhere else. */
    public static final String LOCAL_DEVELOPMENT_SECRET = "local-development-secret-change-me-0123456789";
    public static final String LOCAL_MODE = "local";
    public static final String PRODUCTION_PROFILE = "prod";

    private TokenSettings() {
    }

    /**
     * The HS256 secret to check tokens with, or null when {@code jwkSetUri} names the issuer's keys.
     *
     * @throws IllegalStateException saying what to set, when the settings would let a stranger mint tokens
     */
    public static String hs256SecretOrNull(String secret, String jwkSetUri, String mode, Collection<String> profiles) {
        boolean local = isLocal(mode, profiles);
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            return null;
        }
        if (secret == null || secret.isBlank()) {
            if (local) {
                return LOCAL_DEVELOPMENT_SECRET;
            }
            throw new IllegalStateException("no token issuer is configured: set JWT_JWK_SET_URI (goals.security.jwt.jwk-set-uri,"
                    + " an issuer's keys for RS256/ES256) or JWT_SECRET (an HS256 secret of at least "
                    + TokenRules.MIN_SECRET_BYTES + " bytes, from a secret store); the development secret is accepted only"
                    + " in local mode (GOALS_MODE=local)");
        }
        if (secret.equals(LOCAL_DEVELOPMENT_SECRET) && !local) {
            throw new IllegalStateException("JWT_SECRET is the development secret committed in the repository: anyone can"
                    + " mint tokens with it; it is accepted only in local mode (GOALS_MODE=local)");
        }
        TokenRules.hs256Key(secret); // long enough
        return secret;
    }

    /**
     * A secret that only local mode may leave at its committed default (the console's OAuth client secret, say).
     *
     * @throws IllegalStateException naming the setting, when the default is used outside local mode
     */
    public static void requireOwnSecret(String name, String value, String committedDefault, String mode, Collection<String> profiles) {
        if (!isLocal(mode, profiles) && (value == null || value.isBlank() || value.equals(committedDefault))) {
            throw new IllegalStateException(name + " is not set (or is the value committed in the repository): set it from a"
                    + " secret store; the committed value is accepted only in local mode (GOALS_MODE=local)");
        }
    }

    /** Local mode, refused under the production profile. */
    public static boolean isLocal(String mode, Collection<String> profiles) {
        boolean local = LOCAL_MODE.equalsIgnoreCase(mode == null ? "" : mode.trim());
        if (local && profiles.contains(PRODUCTION_PROFILE)) {
            throw new IllegalStateException("GOALS_MODE=local (development secrets, dev tokens) is refused under the production profile");
        }
        return local;
    }
}
