package com.acme.goals.team.activity;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-owner, per-day ledger of recorded CRM activity, for the services that show actuals. */
@Configuration(proxyBeanMethods = false)
public class ActivityLedgerConfiguration {

    @Bean
    public ActivityLedger activityLedger(MongoDatabase serviceDatabase,
                                         @org.springframework.beans.factory.annotation.Value("${goals.activity-ledger.keeps:RECORDS}") ActivityLedger.Keeps keeps) {
        return new ActivityLedger(serviceDatabase, keeps);
    }

    @Bean
    public ActivityLedgerListener activityLedgerListener(ActivityLedger activityLedger,
                                                         org.springframework.beans.factory.ObjectProvider<LedgerWatcher> watchers,
                                                         @org.springframework.beans.factory.annotation.Value("${goals.activity-ledger.feed-threads:1}") int threads) {
        return new ActivityLedgerListener(activityLedger, watchers.orderedStream().toList(), threads);
    }
}
