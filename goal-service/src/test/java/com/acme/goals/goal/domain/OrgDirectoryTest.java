package com.acme.goals.goal.domain;

import com.acme.goals.contracts.org.EmployeeLeft;
import com.acme.goals.contracts.org.ReportingLineChanged;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules across employees, on a real Axon configuration: moves, cycles, leaving. */
class OrgDirectoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Employee.class)
                .registerCommandHandler(c -> new OrgDirectory(c.repository(Employee.class), OrgDirectory.Registered.in(c.eventStore()), Clock.fixed(NOW, ZoneOffset.UTC)))
                .buildConfiguration();
        axon.start();
        commands = axon.commandGateway();
        // E-001 ← E-100 ← E-042, and E-200 under E-001
        register("E-001", null);
        register("E-100", "E-001");
        register("E-042", "E-100");
        register("E-200", "E-001");
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private void register(String id, String supervisor) {
        commands.sendAndWait(new OrgCommands.RegisterEmployee(id, "n", "ROLE", supervisor, "Asia/Shanghai", "admin"));
    }

    private List<Object> eventsOf(String id) {
        return axon.eventStore().readEvents(id).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void a_batch_of_hires_registers_each_once_in_order_and_leaves_out_those_that_wait_or_break_a_rule() {
        OrgCommands.RegisterEmployee rep = hire("E-300", "E-250"); // E-250 comes later in the batch
        OrgCommands.Registrations done = commands.sendAndWait(new OrgCommands.RegisterEmployees(List.of(
                rep,
                hire("E-250", "E-001"),
                hire("E-251", "E-250"), // its supervisor was registered earlier in the same batch
                hire("E-251", "E-250"), // the same hire twice
                hire("E-042", "E-100"), // registered before the batch
                hire("E-400", "E-399"), // waits for someone never hired
                hire("E-252", "E-252"), // reports to themself
                new OrgCommands.RegisterEmployee("E-253", "n", "ROLE", "E-250", "Mars/Olympus", "hr")))); // no such zone

        assertThat(done.registered()).containsExactly("E-250", "E-251");
        assertThat(done.already()).containsExactly("E-251", "E-042");
        assertThat(eventsOf("E-251")).hasSize(1);
        assertThat(eventsOf("E-300")).as("left for the one-at-a-time command, which parks it").isEmpty();
        assertThat(eventsOf("E-252")).isEmpty();
        assertThat(eventsOf("E-253")).isEmpty();
        assertThat(eventsOf("E-042")).hasSize(1);

        commands.sendAndWait(rep); // what the feed does with the one left out: now its supervisor is there
        assertThat(eventsOf("E-300")).hasSize(1);
        assertThatThrownBy(() -> commands.sendAndWait(hire("E-252", "E-252"))).isInstanceOf(DomainRuleBroken.class)
                .hasMessageContaining("themself");
    }

    private static OrgCommands.RegisterEmployee hire(String id, String supervisor) {
        return new OrgCommands.RegisterEmployee(id, "n", "ROLE", supervisor, "Asia/Shanghai", "hr");
    }

    @Test
    void a_move_records_the_old_and_the_new_supervisor() {
        commands.sendAndWait(new OrgCommands.MoveEmployee("E-042", "E-200", "admin"));
        assertThat(eventsOf("E-042")).last().isEqualTo(new ReportingLineChanged("E-042", "E-100", "E-200", "admin", NOW));
    }

    @Test
    void a_move_that_would_make_a_cycle_is_refused_naming_the_chain() {
        assertThatThrownBy(() -> commands.sendAndWait(new OrgCommands.MoveEmployee("E-100", "E-042", "admin")))
                .isInstanceOf(DomainRuleBroken.class)
                .hasMessageContaining("would make a cycle");
        assertThatThrownBy(() -> commands.sendAndWait(new OrgCommands.MoveEmployee("E-001", "E-042", "admin")))
                .isInstanceOf(DomainRuleBroken.class);
    }

    @Test
    void moving_under_oneself_is_refused() {
        assertThatThrownBy(() -> commands.sendAndWait(new OrgCommands.MoveEmployee("E-042", "E-042", "admin")))
                .isInstanceOf(DomainRuleBroken.class);
    }

    @Test
    void moving_to_the_current_supervisor_changes_nothing() {
        commands.sendAndWait(new OrgCommands.MoveEmployee("E-042", "E-100", "admin"));
        assertThat(eventsOf("E-042")).hasSize(1);
    }

    @Test
    void an_employee_who_left_keeps_their_history_and_accepts_no_moves() {
        commands.sendAndWait(new OrgCommands.RecordLeaving("E-042", "admin"));
        assertThat(eventsOf("E-042")).last().isEqualTo(new EmployeeLeft("E-042", "admin", NOW));
        assertThatThrownBy(() -> commands.sendAndWait(new OrgCommands.MoveEmployee("E-042", "E-200", "admin")))
                .isInstanceOf(Conflict.class);
        assertThat(eventsOf("E-042")).hasSize(2);
    }

    @Test
    void nobody_can_be_moved_under_someone_who_left() {
        commands.sendAndWait(new OrgCommands.RecordLeaving("E-200", "admin"));
        assertThatThrownBy(() -> commands.sendAndWait(new OrgCommands.MoveEmployee("E-042", "E-200", "admin")))
                .isInstanceOf(DomainRuleBroken.class).hasMessageContaining("has left");
    }
}
