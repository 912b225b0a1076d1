package com.acme.goals.scoring.application;

import com.acme.goals.contracts.crm.ActivityRecorded;
import com.acme.goals.platform.messaging.ProjectionLag;
import com.acme.goals.scoring.domain.GoalMilestonesCommands;
import com.acme.goals.scoring.readmodel.GoalProgress;
import com.acme.goals.scoring.readmodel.GoalTargets;
import com.acme.goals.team.org.OrgChart;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** After a rebuild, milestone checks wait for the replay of the history and resume once it is over, even while new activity keeps arriving. */
class MilestoneWatchTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    private static final Instant FINISHED = Instant.now().minusSeconds(60);
    private final GoalTargets goals = Mockito.mock(GoalTargets.class);
    private final GoalProgress progress = Mockito.mock(GoalProgress.class);
    private final OrgChart orgChart = Mockito.mock(OrgChart.class);
    private final CommandGateway commands = Mockito.mock(CommandGateway.class);
    private final ReadModelRebuild rebuild = Mockito.mock(ReadModelRebuild.class);
    private final ProjectionLag lag = Mockito.mock(ProjectionLag.class);
    private final MilestoneWatch watch = new MilestoneWatch(goals, progress, orgChart, commands, rebuild, lag);
    private final ProjectionLag.Mark endOfReplay = new ProjectionLag.Mark(
            Map.of("scoring-service.activity", Map.of(new TopicPartition("crm.events", 0), 500L)));

    @BeforeEach
    void aMonthGoalHalfwayThere() {
        String month = java.time.YearMonth.from(TODAY).toString();
        GoalTargets.Goal goal = new GoalTargets.Goal("G-1", "E-1", "MONTH", month, null, "回款", List.of());
        when(goals.ofOwner(any(), Mockito.<java.util.Collection<String>>any())).thenReturn(List.of(goal));
        when(progress.of("G-1")).thenReturn(Optional.of(new GoalProgress.View("G-1", "E-1", "MONTH", month, "回款",
                List.of(new GoalProgress.MetricProgress("payments", "CNY", new BigDecimal("1000"), new BigDecimal("600"),
                        new BigDecimal("60"), null, null, null)),
                List.of("E-1"), null, 0)));
        when(orgChart.find(any())).thenReturn(Optional.empty());
        when(orgChart.leftAt(any())).thenReturn(Optional.empty());
    }

    @Test
    void a_finished_rebuild_holds_the_checks_until_every_group_has_read_past_where_its_topics_ended_then_they_resume() throws Exception {
        when(rebuild.status()).thenReturn(Optional.of(status("DONE", FINISHED)));
        when(lag.mark()).thenReturn(endOfReplay);
        when(lag.reached(endOfReplay)).thenReturn(false, true);
        // what a busy system shows throughout: new activity keeps the lag above 0 at every look
        when(lag.measure()).thenReturn(List.of(new ProjectionLag.GroupLag("scoring-service.activity", List.of("crm.events"), 520, 540, 20)));

        watch.recorded(List.of(payment()));
        watch.check();
        verify(commands, never()).sendAndWait(any());

        watch.check();
        verify(commands, times(1)).sendAndWait(any(GoalMilestonesCommands.RecordProgress.class));
        verify(lag, times(1)).mark(); // one end for one rebuild, not a moving target

        watch.recorded(List.of(payment()));
        watch.check();
        verify(lag, times(2)).reached(any()); // that rebuild is over: no more waiting for it
        verify(commands, times(2)).sendAndWait(any(GoalMilestonesCommands.RecordProgress.class));
    }

    @Test
    void a_running_rebuild_holds_the_checks_and_a_broker_that_cannot_answer_keeps_holding_them() throws Exception {
        when(rebuild.status()).thenReturn(Optional.of(status("RUNNING", null)));
        watch.recorded(List.of(payment()));
        watch.check();
        verify(commands, never()).sendAndWait(any());

        when(rebuild.status()).thenReturn(Optional.of(status("DONE", FINISHED)));
        when(lag.mark()).thenThrow(new IllegalStateException("the broker is down"));
        watch.check();
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void a_mark_counts_a_partition_only_once_the_group_has_committed_its_end() {
        TopicPartition p0 = new TopicPartition("crm.events", 0);
        TopicPartition p1 = new TopicPartition("crm.events", 1);
        ProjectionLag.Mark mark = new ProjectionLag.Mark(Map.of("g", Map.of(p0, 10L, p1, 0L)));

        assertThat(mark.reachedBy("g", Map.of(p0, 9L))).isFalse();
        assertThat(mark.reachedBy("g", Map.of(p0, 10L))).as("an empty partition needs no commit").isTrue();
        assertThat(mark.reachedBy("g", Map.of(p0, 900L, p1, 3L))).isTrue();
        assertThat(mark.reachedBy("another", Map.of())).as("a group the mark does not know").isTrue();
    }

    private static ReadModelRebuild.Status status(String state, Instant finishedAt) {
        return new ReadModelRebuild.Status(state, FINISHED.minusSeconds(5), finishedAt, "E-admin", Map.of(), List.of(), List.of(), null);
    }

    private static ActivityRecorded payment() {
        return new ActivityRecorded("A-" + System.nanoTime(), "crm", "P-1", "payment.received", "E-1", "C-1", "P-1",
                Instant.now(), "Asia/Shanghai", TODAY, null, null, List.of());
    }
}
