package com.acme.goals.team.activity;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.platform.feed.EventFeed;

/** Feeds this service's {@link ActivityLedger} from {@code crm.events}, a whole poll per bulk write. */
public class ActivityLedgerListener extends EventFeed {

    public ActivityLedgerListener(ActivityLedger ledger, java.util.List<LedgerWatcher> watchers) {
        super("activity", Topics.CRM_EVENTS);
        onAll(ActivityRecorded.class, batch -> {
            ledger.record(batch);
            watchers.forEach(w -> w.recorded(batch));
        });
    }
}
