package com.acme.goals.team.activity;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-owner, per-day ledger of recorded CRM activity: scoring's, which the other services read over HTTP (decision 20). */
@Configuration(proxyBeanMethods = false)
public class ActivityLedgerConfiguration {

    @Bean
    public ActivityLedger activityLedger(MongoDatabase serviceDatabase) {
        return new ActivityLedger(serviceDatabase);
    }

    @Bean
    public ActivityLedgerListener activityLedgerListener(ActivityLedger activityLedger,
                                                         org.springframework.beans.factory.ObjectProvider<LedgerWatcher> watchers,
                                                         @org.springframework.beans.factory.annotation.Value("${goals.activity-ledger.feed-threads:1}") int threads) {
        return new ActivityLedgerListener(activityLedger, watchers.orderedStream().toList(), threads);
    }
}
