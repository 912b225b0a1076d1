package com.acme.goals.team.activity;

import com.acme.goals.contracts.crm.ActivityRecorded;

import java.util.List;

/** Told of each batch once the ledger holds it, so what it reads includes the batch (scoring's milestones). */
public interface LedgerWatcher {
    void recorded(List<ActivityRecorded> batch);
}
