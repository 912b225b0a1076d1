package com.acme.goals.crmlink.domain;

import java.util.Optional;

/** The port the link rules read goals through; the read model projected from goal.events answers it. */
public interface KnownGoals {

    Optional<KnownGoal> find(String goalId);
}
