package com.acme.goals.report.web;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.platform.errors.Unavailable;
import com.acme.goals.platform.web.PeerService;
import com.acme.goals.platform.web.StandInService;
import com.acme.goals.report.application.Actuals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * report-service's reader of scoring's actuals against a scoring-service stand-in on a real port (how any peer is
 * reached, passed over or given up on: platform's {@code PeerServiceTest}).
 */
class ScoringActualsTest {

    private static final Period WEEK = Period.parse("2026-W10");
    private final StandInService scoring = StandInService.answering("""
            {"ownerId":"E-1","periodKey":"2026-W10","firstDay":"2026-03-02","lastDay":"2026-03-08","actuals":[
             {"metric":"new_customers","unit":null,"amount":"2"},
             {"metric":"payment_collection","unit":"CNY","amount":"58000.00"}]}""");

    @AfterEach
    void stop() {
        scoring.close();
        StandInService.signOut();
    }

    private ScoringActuals reader() {
        return new ScoringActuals(new PeerService("scoring-service", RestClient.builder(), scoring.url(), Duration.ofMillis(800)));
    }

    @Test
    void reads_the_period_with_the_callers_own_token_and_keeps_amounts_as_scoring_wrote_them() {
        StandInService.callerWithToken("E-1", "the-callers-token");

        List<Actuals.Total> totals = reader().of("E-1", WEEK);

        assertThat(scoring.asked()).singleElement().satisfies(asked -> {
            assertThat(asked.path() + "?" + asked.rawQuery()).isEqualTo("/api/actuals/E-1?periodKey=2026-W10");
            assertThat(asked.authorization()).isEqualTo("Bearer the-callers-token");
        });
        assertThat(totals).extracting(Actuals.Total::metric, Actuals.Total::unit, total -> total.amount().toPlainString())
                .containsExactly(tuple("new_customers", null, "2"),
                        tuple("payment_collection", "CNY", "58000.00"));
    }

    @Test
    void scoring_not_answering_is_unavailable_naming_it_and_the_period() {
        StandInService.callerWithToken("E-1", "the-callers-token");
        scoring.status(500);

        assertThatThrownBy(() -> reader().of("E-1", WEEK)).isInstanceOf(Unavailable.class)
                .hasMessageContaining("scoring-service answered 500").hasMessageContaining("2026-W10");
    }
}
