package com.acme.goals.platform.security;

import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.org.OrgChart;

/**
 * Read access by the org chart: the owner, anyone above the owner in the reporting line, and admins.
 * Integration clients read nothing.
 */
public class Access {

    private final OrgChart orgChart;

    public Access(OrgChart orgChart) {
        this.orgChart = orgChart;
    }

    public boolean mayRead(Actor actor, String ownerId) {
        if (actor.is(Actor.INTEGRATION) && !actor.isAdmin()) {
            return false;
        }
        return actor.isAdmin() || actor.id().equals(ownerId) || orgChart.isAbove(actor.id(), ownerId);
    }

    /** @throws NotAllowed naming who tried to read what */
    public void requireRead(Actor actor, String ownerId, String what) {
        if (!mayRead(actor, ownerId)) {
            throw new NotAllowed(actor.id() + " may not read " + what + " of " + ownerId
                    + ": only the owner, their supervisor line and admins may");
        }
    }
}
