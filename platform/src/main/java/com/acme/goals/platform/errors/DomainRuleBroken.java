package com.acme.goals.platform.errors;

/** A domain rule refused a command (400). Carries the field the rule is about. */
public class DomainRuleBroken extends RuntimeException {
    private final String field;

    public DomainRuleBroken(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
