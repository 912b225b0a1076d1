package com.acme.goals.crmlink.domain;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.contracts.period.Period;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

/** Places a checked activity in its owner's day, ISO week and month, in the owner's time zone. */
public final class ActivityPlacement {

    private ActivityPlacement() {
    }

    public static ActivityRecorded place(CheckedActivity in, ZoneId ownerZone) {
        LocalDate day = in.time().atZone(ownerZone).toLocalDate();
        // derived from (source, id): the same inbound event always becomes the same ActivityRecorded
        String activityId = UUID.nameUUIDFromBytes(in.dedupeKey().getBytes(StandardCharsets.UTF_8)).toString();
        // named by the record's own id whatever the sender put in subject (a URN, a placeholder): subject is kept apart
        String recordRef = in.kind().noun() + "/" + in.recordId();
        return new ActivityRecorded(activityId, in.source(), in.id(), in.type(), in.ownerId(), in.customerId(), recordRef,
                in.time(), ownerZone.getId(), day, Period.weekOf(day).key(), YearMonth.from(day).toString(),
                in.kind().deltas(in.amount(), in.currency()), in.actionId(), in.kind().recordIdField(), in.recordId(),
                in.subject());
    }
}
