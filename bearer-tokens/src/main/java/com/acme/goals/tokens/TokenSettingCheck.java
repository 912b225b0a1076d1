package com.acme.goals.tokens;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;

/**
 * Refuses unsafe token settings ({@link TokenSettings}) once the configuration is read and before any bean is made: a
 * deployment that forgot them stops at once with the reason, not after a minute of failing to reach its store.
 * Applies to every application that checks tokens (the services through platform, and the gateway).
 */
public class TokenSettingCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("goals.security.jwt.issuer") == null) {
            return; // not a goals application (a test context of a library, say): nothing here checks tokens
        }
        TokenSettings.hs256SecretOrNull(environment.getProperty("goals.security.jwt.secret"),
                environment.getProperty("goals.security.jwt.jwk-set-uri"), environment.getProperty("goals.mode"),
                List.of(environment.getActiveProfiles()));
    }
}
