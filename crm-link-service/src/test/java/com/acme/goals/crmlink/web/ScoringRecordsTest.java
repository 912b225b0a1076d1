package com.acme.goals.crmlink.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.web.PeerService;
import com.acme.goals.platform.web.StandInService;
import com.acme.goals.team.activity.ActivityLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** crm-link's reader of the linked customers' records against a scoring-service stand-in on a real port. */
class ScoringRecordsTest {

    private final StandInService scoring = StandInService.answering("""
            {"ownerId":"E-1","periodKey":"2026-W10","firstDay":"2026-03-02","lastDay":"2026-03-08","records":[
             {"activityId":"a-1","type":"crm.payment.received","ref":"payment/P-1","recordIdField":"paymentId",
              "recordId":"P-1","subject":"payment/17","customerId":"C-1&2","day":"2026-03-03",
              "at":"2026-03-03T02:15:00Z","deltas":[{"metric":"payment_collection","amount":"125000.00","unit":"CNY"}]}]}""");

    @BeforeEach
    void aCaller() {
        StandInService.callerWithToken("E-1", "the-callers-token");
    }

    @AfterEach
    void stop() {
        scoring.close();
        StandInService.signOut();
    }

    private ScoringRecords reader() {
        return new ScoringRecords(new PeerService("scoring-service", RestClient.builder(), scoring.url(), Duration.ofSeconds(2)));
    }

    private List<String> queries() {
        return scoring.asked().stream().map(StandInService.Asked::rawQuery).toList();
    }

    @Test
    void asks_for_the_period_and_each_customer_encoded_and_reads_the_ledgers_entries_back() {
        List<ActivityLedger.Entry> records = reader().of("E-1", Period.parse("2026-W10"), List.of("C-1&2", "C 3"));

        assertThat(queries()).containsExactly("periodKey=2026-W10&customerId=C-1%262&customerId=C%203"); // a value's & is no separator
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.customerId()).isEqualTo("C-1&2");
            assertThat(r.recordId()).isEqualTo("P-1");
            assertThat(r.day()).isEqualTo(LocalDate.of(2026, 3, 3));
            assertThat(r.deltas()).containsExactly(new ActivityLedger.Delta("payment_collection", "125000.00", "CNY"));
        });
    }

    @Test
    void more_customers_than_scoring_answers_at_once_are_asked_in_turns() {
        List<String> customers = IntStream.range(0, ScoringRecords.MOST_CUSTOMERS_A_CALL + 20).mapToObj(i -> "C-" + i).toList();

        assertThat(reader().of("E-1", Period.parse("2026-W10"), customers)).hasSize(2);
        assertThat(queries()).hasSize(2);
        assertThat(queries().get(1)).startsWith("periodKey=2026-W10&customerId=C-100&").endsWith("customerId=C-119");
    }
}
