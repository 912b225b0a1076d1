package com.acme.goals.localstack.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeedFetchesTest {

    /** Two scrapes of scoring's meters as Boot's Kafka binder shows them (a partition's own line, NaN before any fetch). */
    private static final String EARLY = """
            # HELP kafka_consumer_fetch_manager_records_per_request_avg The average number of records in each request
            kafka_consumer_fetch_manager_records_per_request_avg{client_id="consumer-scoring-service.activity-1",kafka_version="3.9.1",spring_id="kafkaConsumerFactory.consumer-scoring-service.activity-1"} 412.5
            kafka_consumer_fetch_manager_records_per_request_avg{client_id="consumer-scoring-service.report-events-2",kafka_version="3.9.1",spring_id="x"} NaN
            kafka_consumer_fetch_manager_fetch_size_max{client_id="consumer-scoring-service.activity-1",kafka_version="3.9.1",spring_id="x"} 563200.0
            kafka_consumer_fetch_manager_fetch_size_max{client_id="consumer-scoring-service.activity-1",kafka_version="3.9.1",spring_id="x",topic="crm.events"} 9.9E9
            """;
    private static final String LATER = """
            kafka_consumer_fetch_manager_records_per_request_avg{client_id="consumer-scoring-service.activity-1",kafka_version="3.9.1",spring_id="x"} 2450.0
            kafka_consumer_fetch_manager_fetch_size_max{client_id="consumer-scoring-service.activity-1",kafka_version="3.9.1",spring_id="x"} 102400.0
            """;

    @Test
    void keepsEachFeedsHighestRecordsAndBytesAndLeavesPartitionsAndEmptyMetersOut() {
        try (FeedFetches fetches = new FeedFetches()) {
            fetches.merge(EARLY);
            fetches.merge(LATER);
            Map<String, FeedFetches.Highest> highest = fetches.highest();
            assertThat(highest).containsOnlyKeys("scoring-service.activity");
            assertThat(highest.get("scoring-service.activity").records()).isEqualTo(2450.0);
            assertThat(highest.get("scoring-service.activity").bytes()).isEqualTo(563200.0);
        }
    }

    @Test
    void readsEachFeedsPollFromTheLinePollSizedFetchesLogs() {
        Map<String, Integer> polls = FeedFetches.polls(List.of(
                "13:40:01.204 INFO  c.a.g.p.f.PollSizedFetches - feed scoring-service.activity polls up to 2000 records; a fetch asks up to 170666 bytes of each of its 3 partitions",
                "13:40:01.301 INFO  c.a.g.p.f.PollSizedFetches - feed crm-link-service polls up to 3000 records; a fetch asks up to 65536 bytes a partition, as the feed sets itself",
                "13:40:02.000 INFO  something else entirely"));
        assertThat(polls).containsExactly(Map.entry("crm-link-service", 3000), Map.entry("scoring-service.activity", 2000));
    }

    @Test
    void saysWhichFeedsFetchedMoreThanAPollAndWhichPollsAreUnknown() {
        String said = FeedFetches.describe(Map.of(
                        "scoring-service.activity", new FeedFetches.Highest(2450, 563200),
                        "report-service.activity", new FeedFetches.Highest(579, 551 * 1024),
                        "goal-service.hr", new FeedFetches.Highest(3, 2048),
                        "goal-service.idle", new FeedFetches.Highest(0, 0)),
                Map.of("scoring-service.activity", 2000, "report-service.activity", 2000));
        assertThat(said).containsPattern("scoring-service\\.activity +2,450 +poll 2,000 +largest fetch +550 KiB +MORE THAN A POLL");
        assertThat(said).containsPattern("report-service\\.activity +579 +poll 2,000 +largest fetch +551 KiB\\R");
        assertThat(said).containsPattern("goal-service\\.hr +3 +poll \\? ");
        assertThat(said).doesNotContain("goal-service.idle");
        assertThat(said).endsWith("feeds whose fetches brought more than a poll: 1 of 3");
    }
}
