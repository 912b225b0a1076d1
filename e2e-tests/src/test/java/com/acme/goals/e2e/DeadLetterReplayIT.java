package com.acme.goals.e2e;

import com.acme.goals.contracts.Topics;
import com.acme.goals.localstack.DeadLetterReplay;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a fix, an operator sends dead letters back to their topic ({@code deploy/run-local.sh dlq replay}): chosen by
 * type and time, counted exactly once however often they are replayed; one that is still bad comes back with its reason.
 * Every topic keeps its history, so a replay or a rebuild reads all of it.
 */
class DeadLetterReplayIT extends StackTest {

    @Test
    void dead_letters_sent_back_after_a_fix_count_once_and_the_still_bad_ones_return_with_their_reason() throws Exception {
        Team team = registerTeam();
        Today.Week week = today.week(-1);
        String goalId = setWeekGoal(team, week.key());
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.caughtUp("crm-link-service.org-chart", Topics.ORG_EVENTS));

        // what an older version dead-lettered: two valid payments (an hour ago and now), one still bad, a customer
        Instant now = today.now();
        String run = "replay-" + UUID.randomUUID();
        String old = payment(run + "-old", team.employee(), week.at(TUESDAY, "10:00"), "100.00");
        String fixed = payment(run + "-fixed", team.employee(), week.at(TUESDAY, "11:00"), "200.00");
        String stillBad = payment(run + "-bad", team.employee(), week.at(TUESDAY, "12:00"), "-5.00");
        String customer = CustomerLinkIT.customerCreated(run + "-customer", team.employee(), "C-" + run, week.at(TUESDAY, "13:00"));
        String dlq = Topics.deadLetter(Topics.CRM_ACTIVITY);
        kafka.publish(dlq, team.employee(), old, Map.of("dlq-reason", "data.currency: not accepted then", "dlq-rejected-at", now.minusSeconds(3600).toString()));
        kafka.publish(dlq, team.employee(), fixed, Map.of("dlq-reason", "data.currency: not accepted then", "dlq-rejected-at", now.toString()));
        kafka.publish(dlq, team.employee(), stillBad, Map.of("dlq-reason", "data.amount: -5.00 is negative", "dlq-rejected-at", now.toString()));
        kafka.publish(dlq, team.employee(), customer, Map.of("dlq-reason", "owner unknown then", "dlq-rejected-at", now.toString()));

        DeadLetterReplay.Summary first = DeadLetterReplay.replay(stack.kafkaBootstrapServers(), Topics.CRM_ACTIVITY,
                "crm.payment.received", now.minusSeconds(60));
        assertThat(first.replayed()).as("payments dead-lettered in the last minute: the fixed one and the still bad one").isEqualTo(2);
        assertThat(awaitActual(team, goalId, "200.00")).isEqualTo("0.20");
        var returned = kafka.readUntil(dlq, r -> new String(r.value(), StandardCharsets.UTF_8).equals(stillBad), 2, Duration.ofSeconds(30));
        assertThat(returned).hasSize(2);
        assertThat(new String(returned.get(1).headers().lastHeader("dlq-reason").value(), StandardCharsets.UTF_8))
                .startsWith("data.amount: -5.00 is negative");

        // the same replay again: the fixed payment is a duplicate now, still counted once
        DeadLetterReplay.replay(stack.kafkaBootstrapServers(), Topics.CRM_ACTIVITY, "crm.payment.received", now.minusSeconds(60));
        publishDuplicateAndWaitPastIt(team, fixed);
        assertThat(awaitActual(team, goalId, "200.00")).isEqualTo("0.20");
    }

    @Test
    void every_topic_keeps_its_records_for_good_so_a_rebuild_reads_the_whole_history() throws Exception {
        for (String topic : Topics.all()) {
            assertThat(kafka.retentionMs(topic)).as(topic).isEqualTo("-1");
        }
    }
}
