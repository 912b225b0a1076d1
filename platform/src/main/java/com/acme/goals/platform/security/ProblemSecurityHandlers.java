package com.acme.goals.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.acme.goals.contracts.problem.ProblemType;
import com.acme.goals.platform.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 from the security filters as problem details, like every other error. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);
    private final ObjectMapper objectMapper;

    public ProblemSecurityHandlers(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, ProblemType.NOT_AUTHENTICATED,
                "a valid bearer token is required: " + e.getMessage());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String who = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        log.warn("refused: {} {} {} (their roles do not allow it)", who, request.getMethod(), request.getRequestURI());
        write(response, ProblemType.NOT_ALLOWED, "your roles do not allow " + request.getMethod() + " "
                + request.getRequestURI());
    }

    private void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ProblemDetail problem = ProblemResponses.problem(type, detail, null);
        response.setStatus(type.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
