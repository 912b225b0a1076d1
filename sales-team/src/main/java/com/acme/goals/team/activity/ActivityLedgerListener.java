package com.acme.goals.team.activity;

import com.acme.goals.contracts.Topics;
import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.platform.feed.EventFeed;

/** Feeds this service's {@link ActivityLedger} from {@code crm.events}, a whole poll per bulk write. */
public class ActivityLedgerListener extends EventFeed {

    /** {@code threads}: partitions consumed at once; the ledger keeps each owner-day's writes in order, and a partition holds whole owners. */
    public ActivityLedgerListener(ActivityLedger ledger, java.util.List<LedgerWatcher> watchers, int threads) {
        super("activity", Topics.CRM_EVENTS);
        consumesOnThreads(threads);
        onAll(ActivityRecorded.class, batch -> {
            ledger.record(batch);
            watchers.forEach(w -> w.recorded(batch));
        });
    }
}
