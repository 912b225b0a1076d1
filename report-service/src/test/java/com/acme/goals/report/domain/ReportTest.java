package com.acme.goals.report.domain;

import com.acme.goals.contracts.period.Period;
import com.acme.goals.contracts.report.AnnotationAdded;
import com.acme.goals.contracts.report.AnnotationAnswered;
import com.acme.goals.contracts.report.PlanSubmitted;
import com.acme.goals.contracts.report.ReportDrafted;
import com.acme.goals.contracts.report.ReportFilled;
import com.acme.goals.contracts.report.ReportReturned;
import com.acme.goals.contracts.report.ReportReviewed;
import com.acme.goals.contracts.report.SummarySubmitted;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotFound;
import com.acme.goals.report.domain.ReportCommands.AddAnnotation;
import com.acme.goals.report.domain.ReportCommands.AnswerAnnotation;
import com.acme.goals.report.domain.ReportCommands.DraftReport;
import com.acme.goals.report.domain.ReportCommands.FillReport;
import com.acme.goals.report.domain.ReportCommands.ReturnReport;
import com.acme.goals.report.domain.ReportCommands.ReviewReport;
import com.acme.goals.report.domain.ReportCommands.SubmitReport;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    /** Week 48's plan is due Monday 23 November 10:00 Shanghai = 02:00 UTC. */
    private static final Instant DUE = Instant.parse("2026-11-23T02:00:00Z");

    private static AggregateTestFixture<Report> at(String instant) {
        AggregateTestFixture<Report> fixture = new AggregateTestFixture<>(Report.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
        // E-100 supervises E-042; E-777 is in another line
        fixture.registerInjectableResource((ReportingLines) (supervisor, employee) -> supervisor.equals("E-100") && employee.equals("E-042"));
        return fixture;
    }

    private static ReportDrafted drafted(String kind) {
        return new ReportDrafted("R-1", "E-042", "channel-manager-weekly", 1, kind, "2026-W48",
                Map.of("this_week_collection_plan", "65000"), List.of("this_week_collection_plan"), DUE,
                Instant.parse("2026-11-22T12:00:00Z"));
    }

    private static PlanSubmitted submitted(int version) {
        return new PlanSubmitted("R-1", "E-042", "channel-manager-weekly", "2026-W48", version,
                Map.of("this_week_collection_plan", "65000"), "ON_TIME", DUE, Instant.parse("2026-11-23T01:00:00Z"));
    }

    @Test
    void the_weekly_plan_deadline_is_monday_10_00_in_the_owners_zone() {
        Deadline monday10 = new Deadline(DayOfWeek.MONDAY, 0, LocalTime.of(10, 0));
        assertThat(monday10.dueAt(Period.parse("2026-W48"), ZoneId.of("Asia/Shanghai"))).isEqualTo(DUE);
        Deadline saturday18 = new Deadline(DayOfWeek.SATURDAY, 0, LocalTime.of(18, 0));
        assertThat(saturday18.dueAt(Period.parse("2026-W48"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        Deadline sameDay0930 = new Deadline(null, 0, LocalTime.of(9, 30));
        assertThat(sameDay0930.dueAt(Period.parse("2026-11-26"), ZoneId.of("Asia/Shanghai")))
                .isEqualTo(Instant.parse("2026-11-26T01:30:00Z"));
    }

    @Test
    void a_draft_is_created_with_its_due_time() {
        at("2026-11-22T12:00:00Z").givenNoPriorActivity()
                .when(new DraftReport("R-1", "E-042", "channel-manager-weekly", 1, "PLAN", "2026-W48",
                        Map.of("this_week_collection_plan", "65000"), List.of("this_week_collection_plan"), DUE))
                .expectEvents(drafted("PLAN"));
    }

    @Test
    void a_plan_submitted_before_its_deadline_is_on_time() {
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"))
                .when(new SubmitReport("R-1", "E-042"))
                .expectEvents(submitted(1));
    }

    @Test
    void a_plan_submitted_after_its_deadline_is_late() {
        at("2026-11-23T02:00:01Z").given(drafted("PLAN"))
                .when(new SubmitReport("R-1", "E-042"))
                .expectEvents(new PlanSubmitted("R-1", "E-042", "channel-manager-weekly", "2026-W48", 1,
                        Map.of("this_week_collection_plan", "65000"), "LATE", DUE, Instant.parse("2026-11-23T02:00:01Z")));
    }

    @Test
    void a_summary_is_submitted_as_a_summary() {
        at("2026-11-23T01:00:00Z").given(drafted("SUMMARY"))
                .when(new SubmitReport("R-1", "E-042"))
                .expectEvents(new SummarySubmitted("R-1", "E-042", "channel-manager-weekly", "2026-W48", 1,
                        Map.of("this_week_collection_plan", "65000"), "ON_TIME", DUE, Instant.parse("2026-11-23T01:00:00Z")));
    }

    @Test
    void a_submitted_report_cannot_be_changed_or_submitted_again_until_returned() {
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new FillReport("R-1", Map.of("this_week_collection_plan", "70000"), "E-042"))
                .expectException(Conflict.class);
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new SubmitReport("R-1", "E-042"))
                .expectException(Conflict.class);
    }

    @Test
    void a_change_after_return_starts_version_2_and_the_resubmission_is_version_2() {
        Instant now = Instant.parse("2026-11-23T03:00:00Z");
        ReportReturned returned = new ReportReturned("R-1", "E-042", 1, "plan collections per agent", "E-100", now);
        at("2026-11-23T03:00:00Z").given(drafted("PLAN"), submitted(1), returned)
                .when(new FillReport("R-1", Map.of("this_week_collection_plan", "70000"), "E-042"))
                .expectEvents(new ReportFilled("R-1", "E-042", Map.of("this_week_collection_plan", "70000"), 2, now));
        at("2026-11-23T03:00:00Z").given(drafted("PLAN"), submitted(1), returned,
                        new ReportFilled("R-1", "E-042", Map.of("this_week_collection_plan", "70000"), 2, now))
                .when(new SubmitReport("R-1", "E-042"))
                .expectEvents(new PlanSubmitted("R-1", "E-042", "channel-manager-weekly", "2026-W48", 2,
                        Map.of("this_week_collection_plan", "70000"), "LATE", DUE, now));
    }

    @Test
    void an_annotation_on_a_field_records_the_version_its_author_saw() {
        Instant now = Instant.parse("2026-11-23T03:00:00Z");
        at("2026-11-23T03:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new AddAnnotation("R-1", "N-1", "this_week_collection_plan", null, "split by agent, please", "E-100"))
                .expectEvents(new AnnotationAdded("R-1", "E-042", "N-1", "this_week_collection_plan", null,
                        "split by agent, please", 1, "E-100", now));
    }

    @Test
    void an_annotation_on_a_field_the_report_lacks_is_refused() {
        at("2026-11-23T03:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new AddAnnotation("R-1", "N-1", "no_such_field", null, "?", "E-100"))
                .expectException(DomainRuleBroken.class);
    }

    @Test
    void a_draft_cannot_be_annotated() {
        at("2026-11-23T03:00:00Z").given(drafted("PLAN"))
                .when(new AddAnnotation("R-1", "N-1", null, null, "hurry", "E-100"))
                .expectException(Conflict.class);
    }

    @Test
    void the_owner_answers_an_annotation() {
        Instant now = Instant.parse("2026-11-23T04:00:00Z");
        at("2026-11-23T04:00:00Z").given(drafted("PLAN"), submitted(1),
                        new AnnotationAdded("R-1", "E-042", "N-1", null, null, "why so low?", 1, "E-100", now))
                .when(new AnswerAnnotation("R-1", "N-1", "two agents are on holiday", "E-042"))
                .expectEvents(new AnnotationAnswered("R-1", "E-042", "N-1", "two agents are on holiday", "E-042", now));
        at("2026-11-23T04:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new AnswerAnnotation("R-1", "N-404", "?", "E-042"))
                .expectException(NotFound.class);
    }

    @Test
    void returning_needs_a_reason_and_a_submitted_report() {
        at("2026-11-23T04:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new ReturnReport("R-1", " ", "E-100"))
                .expectException(DomainRuleBroken.class);
        at("2026-11-23T04:00:00Z").given(drafted("PLAN"))
                .when(new ReturnReport("R-1", "why", "E-100"))
                .expectException(Conflict.class);
    }

    @Test
    void a_submitted_report_is_reviewed_once() {
        Instant now = Instant.parse("2026-11-23T05:00:00Z");
        at("2026-11-23T05:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new ReviewReport("R-1", "E-100"))
                .expectEvents(new ReportReviewed("R-1", "E-042", 1, "E-100", now));
        at("2026-11-23T05:00:00Z").given(drafted("PLAN"), submitted(1), new ReportReviewed("R-1", "E-042", 1, "E-100", now))
                .when(new ReviewReport("R-1", "E-100"))
                .expectException(Conflict.class);
    }

    @Test
    void only_the_owner_fills_and_submits_and_only_the_line_annotates_returns_and_reviews() {
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"))
                .when(new SubmitReport("R-1", "E-100"))
                .expectException(com.acme.goals.platform.errors.NotAllowed.class);
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new AddAnnotation("R-1", "N-1", null, null, "hi", "E-777"))
                .expectException(com.acme.goals.platform.errors.NotAllowed.class);
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new ReturnReport("R-1", "redo", "E-042"))
                .expectException(com.acme.goals.platform.errors.NotAllowed.class);
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), submitted(1))
                .when(new ReviewReport("R-1", "E-777"))
                .expectException(com.acme.goals.platform.errors.NotAllowed.class);
    }

    @Test
    void a_report_with_an_empty_required_field_cannot_be_submitted() {
        at("2026-11-23T01:00:00Z").given(drafted("PLAN"), new ReportFilled("R-1", "E-042",
                        java.util.Collections.singletonMap("this_week_collection_plan", null), 1, DUE))
                .when(new SubmitReport("R-1", "E-042"))
                .expectException(DomainRuleBroken.class)
                .expectExceptionMessage("required fields are empty: [this_week_collection_plan]");
    }
}
