package com.acme.goals.contracts.problem;

/**
 * The kinds of RFC 7807 problem the gateway and the services answer with. A problem's {@code type} is
 * {@code /problems/<slug>}: relative, so it resolves against the gateway that answered, which serves the page of
 * {@code docs/problems/<slug>.md} there. The slug is part of the public contract: clients may branch on it.
 */
public enum ProblemType {
    NOT_AUTHENTICATED("not-authenticated", "Not authenticated", 401),
    NOT_ALLOWED("not-allowed", "Not allowed", 403),
    NOT_FOUND("not-found", "Not found", 404),
    RULE_BROKEN("rule-broken", "Rule broken", 400),
    BAD_INPUT("bad-input", "Bad input", 400),
    INVALID_REQUEST_BODY("invalid-request-body", "Invalid request body", 400),
    UNREADABLE_REQUEST_BODY("unreadable-request-body", "Unreadable request body", 400),
    CONFLICT("conflict", "Conflict", 409),
    STALE_VERSION("stale-version", "Stale version", 409),
    TOO_LARGE("too-large", "Too large", 413),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests", 429),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", 503),
    /** What HTTP itself refuses before any rule is read: an unknown path, a method or media type not served. */
    REQUEST_NOT_SUPPORTED("request-not-supported", "Request not supported", 0);

    public static final String PATH = "/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The HTTP status this kind always has; 0 when it varies (404, 405, 406, 415 for {@link #REQUEST_NOT_SUPPORTED}). */
    public int status() {
        return status;
    }

    /** The {@code type} member of the problem. */
    public String uri() {
        return PATH + slug;
    }
}
