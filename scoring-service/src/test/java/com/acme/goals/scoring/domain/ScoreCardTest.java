package com.acme.goals.scoring.domain;

import com.acme.goals.contracts.scoring.MonthlyBehaviorTotaled;
import com.acme.goals.contracts.scoring.WeekScored;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.goals.scoring.domain.WeekScoringTest.inputs;
import static com.acme.goals.scoring.domain.WeekScoringTest.metric;
import static org.assertj.core.api.Assertions.assertThat;

class ScoreCardTest {

    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
    private static final String NOVEMBER = ScoreCard.id("E-042", YearMonth.of(2026, 11));
    private final AggregateTestFixture<ScoreCard> fixture = new AggregateTestFixture<>(ScoreCard.class);
    private final Rubric rubric = Rubric.defaults();

    @BeforeEach
    void setUp() {
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static WeekScored.Inputs behaviourOnly(int rating) {
        return inputs(List.of(), 0, 0, 0, 0, 0, rating);
    }

    private ScoreCardCommands.ScoreWeek score(String week, WeekScored.Inputs in, Set<String> excused) {
        return new ScoreCardCommands.ScoreWeek(NOVEMBER, "E-042", week, rubric, in, "good week", "S-100", excused);
    }

    /** The events a command applied, in order, and what it answered. */
    private static ScoreCard.Recorded recorded(ResultValidator<ScoreCard> result) {
        AtomicReference<ScoreCard.Recorded> answer = new AtomicReference<>();
        result.expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(Matchers.predicate(p -> {
                    answer.set((ScoreCard.Recorded) p);
                    return true;
                }));
        return answer.get();
    }

    /** Events of earlier commands, to give to the next test step. */
    private static List<Object> given(ScoreCard.Recorded... steps) {
        List<Object> events = new ArrayList<>();
        for (ScoreCard.Recorded step : steps) {
            events.addAll(step.weeks());
            events.add(step.month());
        }
        return events;
    }

    @Test
    void scoring_a_week_records_its_parts_and_the_month_total_with_unscored_weeks_as_zero() {
        ScoreCard.Recorded r = recorded(fixture.givenNoPriorActivity().when(score("2026-W46",
                inputs(List.of(metric("payment_collection", "100000", "80000")), 4, 3, 1, 0, 0, 90), Set.of())));
        WeekScored week = r.weeks().get(0);
        assertThat(week.version()).isEqualTo(1);
        assertThat(week.rubricVersion()).isEqualTo(1);
        assertThat(week.total()).isEqualByComparingTo("83.00");
        assertThat(week.month()).isEqualTo("2026-11");
        assertThat(week.inputs().metrics()).singleElement().extracting(WeekScored.MetricResult::actual).isEqualTo(new BigDecimal("80000"));
        // November owns W45..W48; three unscored weeks count 0: 83 / 4
        assertThat(r.month().weeks()).extracting(MonthlyBehaviorTotaled.WeekInMonth::status)
                .containsExactly("MISSING", "SCORED", "MISSING", "MISSING");
        assertThat(r.month().total()).isEqualByComparingTo("20.75");
        assertThat(r.month().payFactor()).isEqualByComparingTo("0.50");
    }

    @Test
    void an_excused_week_is_left_out_of_the_mean() {
        ScoreCard.Recorded first = recorded(fixture.givenNoPriorActivity().when(score("2026-W45", behaviourOnly(90), Set.of())));
        ScoreCard.Recorded r = recorded(fixture.given(given(first)).when(score("2026-W46", behaviourOnly(80),
                Set.of("2026-W47", "2026-W48"))));
        assertThat(r.month().weeks()).extracting(MonthlyBehaviorTotaled.WeekInMonth::status)
                .containsExactly("SCORED", "SCORED", "EXCUSED", "EXCUSED");
        assertThat(r.month().total()).isEqualByComparingTo("85.00");
        assertThat(r.month().payFactor()).isEqualByComparingTo("1.00");
        assertThat(r.month().version()).isEqualTo(2);
    }

    @Test
    void a_week_counts_in_the_month_of_its_thursday() {
        // W44 runs Mon 26 Oct to Sun 1 Nov; its Thursday is 29 Oct: it is October's, not November's
        String october = ScoreCard.id("E-042", YearMonth.of(2026, 10));
        fixture.givenNoPriorActivity().when(score("2026-W44", behaviourOnly(90), Set.of()))
                .expectException(DomainRuleBroken.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("belongs to 2026-10"));
        AggregateTestFixture<ScoreCard> octoberCard = new AggregateTestFixture<>(ScoreCard.class);
        octoberCard.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        ScoreCard.Recorded r = recorded(octoberCard.givenNoPriorActivity().when(new ScoreCardCommands.ScoreWeek(october, "E-042", "2026-W44",
                rubric, behaviourOnly(90), null, "S-100", Set.of())));
        assertThat(r.month().month()).isEqualTo("2026-10");
        assertThat(r.month().weeks()).extracting(MonthlyBehaviorTotaled.WeekInMonth::isoWeek)
                .containsExactly("2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44");
    }

    @Test
    void re_scoring_makes_a_new_version_and_the_month_takes_the_latest() {
        ScoreCard.Recorded first = recorded(fixture.givenNoPriorActivity().when(score("2026-W48", behaviourOnly(40), Set.of())));
        ScoreCard.Recorded again = recorded(fixture.given(given(first)).when(score("2026-W48", behaviourOnly(100), Set.of())));
        assertThat(again.weeks().get(0).version()).isEqualTo(2);
        assertThat(again.weeks().get(0).reason()).isEqualTo("re-scored");
        assertThat(again.month().total()).isEqualByComparingTo("25.00"); // 100 / 4, not (40 + 100) / 4
    }

    @Test
    void a_behaviour_rating_outside_0_to_100_is_refused_naming_the_field() {
        fixture.givenNoPriorActivity().when(score("2026-W48", behaviourOnly(101), Set.of()))
                .expectException(DomainRuleBroken.class).expectNoEvents();
    }

    @Test
    void a_new_rubric_applied_to_the_month_re_scores_every_week_from_its_inputs_and_keeps_the_old_scores() {
        ScoreCard.Recorded w45 = recorded(fixture.givenNoPriorActivity().when(score("2026-W45",
                inputs(List.of(metric("payment_collection", "100", "150")), 2, 1, 0, 1, 0, 60), Set.of())));
        // a rubric that credits over-achievement up to 150% and weighs numbers more
        Rubric v2 = new Rubric(2, 70, 10, 10, 10, new BigDecimal("1.50"), new BigDecimal("0.50"), rubric.payBands(), "E-admin", NOW);
        ScoreCard.Recorded r = recorded(fixture.given(given(w45)).when(new ScoreCardCommands.ApplyRubric(NOVEMBER, v2, "E-admin", Set.of())));
        WeekScored before = w45.weeks().get(0);
        WeekScored after = r.weeks().get(0);
        assertThat(before.total()).isEqualByComparingTo("77.00");  // .5*100 (capped) + .2*50 + .1*50 (late) + .2*60
        assertThat(after.total()).isEqualByComparingTo("121.00");  // .7*150 + .1*50 + .1*50 + .1*60: the cap allows 150%
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.rubricVersion()).isEqualTo(2);
        assertThat(after.inputs()).isEqualTo(before.inputs());
        assertThat(after.reason()).isEqualTo("rubric v2 applied to the month (was v1)");
        assertThat(r.month().rubricVersion()).isEqualTo(2);
        assertThat(r.month().version()).isEqualTo(2);
    }

    @Test
    void a_rubric_applied_to_a_month_without_scores_is_refused() {
        fixture.givenNoPriorActivity().when(new ScoreCardCommands.ApplyRubric(NOVEMBER, rubric, "E-admin", Set.of()))
                .expectException(NotFound.class).expectNoEvents();
    }
}
