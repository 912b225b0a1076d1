package com.acme.goals.tokens;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules a token must keep at the gateway and again in every service: the issuer, the audience (when one is
 * configured), the default time checks ({@code exp}, {@code nbf}, 60 s skew), and in local mode an HS256 secret long
 * enough to be a key. One definition, so the two walls can never disagree.
 */
public final class TokenRules {

    public static final int MIN_SECRET_BYTES = 32;

    /** The HS256 key of the local-mode secret. @throws IllegalStateException when it is too short to be safe */
    public static SecretKey hs256Key(String secret) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("goals.security.jwt.secret (JWT_SECRET) must be at least " + MIN_SECRET_BYTES
                    + " bytes for HS256");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    /** What an issuer's keys may sign with: RS256 or ES256, never a MAC (a JWKS is public) nor {@code none}. */
    public static void issuerAlgorithms(java.util.Set<org.springframework.security.oauth2.jose.jws.SignatureAlgorithm> algorithms) {
        algorithms.clear();
        algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256);
        algorithms.add(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256);
    }

    /**
     * The {@code iss} a token claims, read before its signature is checked: only to choose which issuer's keys check
     * it (the dev tokens' shared secret or the console issuer's JWKS). Null when the token cannot be read at all.
     */
    public static String claimedIssuer(String token) {
        try {
            return com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            return null;
        }
    }

    /** Where an OpenID Connect issuer built on Spring Authorization Server publishes its keys. */
    public static String jwkSetUriOf(String issuer) {
        return issuer.replaceAll("/+$", "") + "/oauth2/jwks";
    }

    /** Issuer and time checks, and the audience among {@code aud} unless {@code audience} is blank. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> issuerAndTime = JwtValidators.createDefaultWithIssuer(issuer);
        if (audience == null || audience.isBlank()) {
            return issuerAndTime;
        }
        return new DelegatingOAuth2TokenValidator<>(issuerAndTime,
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
    }

    private TokenRules() {
    }
}
