package com.acme.goals.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Set;
import java.util.stream.Collectors;

/** Who is calling: the token's subject (an employee id, or an integration client) and roles. */
public record Actor(String id, Set<String> roles) {

    public static final String ADMIN = "ADMIN";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String EMPLOYEE = "EMPLOYEE";
    public static final String INTEGRATION = "INTEGRATION";

    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.toSet());
        return new Actor(auth.getName(), roles);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return is(ADMIN);
    }
}
