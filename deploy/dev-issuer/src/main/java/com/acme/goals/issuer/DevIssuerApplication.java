package com.acme.goals.issuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/** The embedded stack's OpenID Connect issuer. Dev identities with a shared password: never for production. */
@SpringBootApplication
public class DevIssuerApplication {

    public static void main(String[] args) {
        String profiles = System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", System.getProperty("spring.profiles.active", ""));
        if (Arrays.asList(profiles.split(",")).contains("prod")) {
            System.err.println("dev-issuer: refusing to start under the prod profile; its identities share a known password."
                    + " Use the company's identity provider (docs/security.md, docs/operations/configuration.md).");
            System.exit(2);
        }
        SpringApplication.run(DevIssuerApplication.class, args);
    }
}
