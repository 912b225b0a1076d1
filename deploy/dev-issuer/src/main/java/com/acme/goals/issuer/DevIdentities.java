package com.acme.goals.issuer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who can sign in, and what their tokens say. {@code goals.issuer.identities} lists {@code id:ROLE[+ROLE]}; the id is
 * the employee id the services know (the token's subject), the roles go into the {@code roles} claim the services
 * read (and the ID token, for the console to show), and every access token is for the audience {@code goals-api}, like
 * the dev tokens API clients use.
 */
@Configuration
public class DevIdentities {

    static final String AUDIENCE = "goals-api";

    @Bean
    public UserDetailsService devUsers(@Value("${goals.issuer.identities}") String identities,
                                       @Value("${goals.issuer.password}") String password) {
        List<UserDetails> users = new ArrayList<>();
        for (String identity : identities.split(",")) {
            String[] parts = identity.trim().split(":");
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException("goals.issuer.identities: '" + identity + "' is not id:ROLE[+ROLE]");
            }
            users.add(User.withUsername(parts[0]).password("{noop}" + password).roles(parts[1].split("\\+")).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    public OAuth2TokenCustomizer<JwtEncodingContext> rolesAndAudience() {
        return context -> {
            List<String> roles = context.getPrincipal().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).toList();
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().claim("roles", roles).audience(Arrays.asList(AUDIENCE));
            } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                context.getClaims().claim("roles", roles); // the console shows what the person may do
            }
        };
    }
}
