package com.acme.goals.goal.domain;

import com.acme.goals.platform.errors.DomainRuleBroken;

/**
 * The supervisor a registration or a move names is not registered (yet). A caller of the API gets 400 like for any
 * broken rule; an HR feed waits for that hire instead, so it needs to tell this rule from the others by type.
 */
public class SupervisorNotRegistered extends DomainRuleBroken {
    private final String supervisorId;

    public SupervisorNotRegistered(String supervisorId) {
        super("supervisorId", "supervisor " + supervisorId + " is not registered");
        this.supervisorId = supervisorId;
    }

    public String supervisorId() {
        return supervisorId;
    }
}
