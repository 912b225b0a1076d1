package com.acme.goals.team.access;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.security.Actor;
import com.acme.goals.team.org.OrgChart;
import com.acme.goals.team.org.OrgEntry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Read access by the org chart: the owner, anyone above the owner in the reporting line now, and admins; for a record
 * of a period (a week's report, score, board, a month's goal) also whoever stood above the owner during that period,
 * so a supervisor keeps the history of the weeks they led after the employee moves on. Integration clients read nothing.
 */
public class Access {

    private final OrgChart orgChart;
    private final Clock clock;

    public Access(OrgChart orgChart, Clock clock) {
        this.orgChart = orgChart;
        this.clock = clock;
    }

    public boolean mayRead(Actor actor, String ownerId) {
        if (actor.is(Actor.INTEGRATION) && !actor.isAdmin()) {
            return false;
        }
        return actor.isAdmin() || actor.id().equals(ownerId) || orgChart.isAbove(actor.id(), ownerId);
    }

    /** As {@link #mayRead(Actor, String)}, and also for whoever was above the owner during the period (days in the owner's zone). */
    public boolean mayRead(Actor actor, String ownerId, Period period) {
        return mayRead(actor, ownerId) || ledDuring(actor, ownerId, period);
    }

    /** Whether the actor stood above the owner at some time during the period (days in the owner's zone). */
    private boolean ledDuring(Actor actor, String ownerId, Period period) {
        if (actor.is(Actor.INTEGRATION) || period == null || period.firstDay() == null) {
            return false;
        }
        ZoneId zone = orgChart.find(ownerId).map(OrgEntry::timeZone).map(ZoneId::of).orElse(ZoneId.of("UTC"));
        Instant from = period.firstDay().atStartOfDay(zone).toInstant();
        Instant end = period.lastDay().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        return orgChart.wasAboveDuring(actor.id(), ownerId, from, end.isBefore(now) ? end : now);
    }

    /** The period a key names, or null for none (an EVENT goal) or a key that does not parse. */
    public static Period periodOf(String periodKey) {
        if (periodKey == null || periodKey.isBlank()) {
            return null;
        }
        try {
            return Period.parse(periodKey);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @throws NotAllowed naming who tried to read what */
    public void requireRead(Actor actor, String ownerId, String what) {
        if (!mayRead(actor, ownerId)) {
            throw new NotAllowed(actor.id() + " may not read " + what + " of " + ownerId
                    + ": only the owner, their supervisor line and admins may");
        }
    }

    /**
     * As {@link #requireRead(Actor, String, Period, String)} for the period a key names (null or unparsable: none); the key
     * is parsed only when the reporting line as it stands now does not already allow the read, as for most reads.
     */
    public void requireRead(Actor actor, String ownerId, String periodKey, String what) {
        if (mayRead(actor, ownerId)) {
            return;
        }
        Period period = periodOf(periodKey);
        if (!ledDuring(actor, ownerId, period)) {
            throw refused(actor, ownerId, period, what);
        }
    }

    /** @throws NotAllowed naming who tried to read what, of which period */
    public void requireRead(Actor actor, String ownerId, Period period, String what) {
        if (!mayRead(actor, ownerId, period)) {
            throw refused(actor, ownerId, period, what);
        }
    }

    private static NotAllowed refused(Actor actor, String ownerId, Period period, String what) {
        return new NotAllowed(actor.id() + " may not read " + what + " of " + ownerId
                + (period == null || period.key() == null ? "" : " for " + period.key())
                + ": only the owner, their supervisor line (now or during that period) and admins may");
    }
}
