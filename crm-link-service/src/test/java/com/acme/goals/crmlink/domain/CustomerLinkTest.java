package com.acme.goals.crmlink.domain;

import com.acme.goals.contracts.crm.CustomerLinked;
import com.acme.goals.contracts.goal.ActionPlanned;
import com.acme.goals.contracts.goal.ActionRemoved;
import com.acme.goals.contracts.goal.GoalClosed;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.PlannedAction;
import com.acme.goals.crmlink.readmodel.GoalDirectory;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.errors.NotAllowed;
import com.acme.goals.platform.errors.NotFound;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class CustomerLinkTest {

    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");
    private static final String OWNER = "E-042";

    private final AggregateTestFixture<CustomerLink> fixture = new AggregateTestFixture<>(CustomerLink.class);
    private MongoServer server;
    private MongoClient client;
    private GoalDirectory goals;
    private final List<Object> sent = new ArrayList<>();
    private CustomerLinking linking;

    @BeforeEach
    void setUp() {
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        goals = new GoalDirectory(client.getDatabase("links-test"));
        goals.apply(new GoalSet("G-1", "E-042", "WEEK", "2026-W48", null, "week 48", List.of(),
                List.of(new PlannedAction("A-1", "visit", "VISIT", LocalDate.of(2026, 11, 24), "C-1")), "E-042", NOW));
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.sendAndWait(any())).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return true;
        });
        linking = new CustomerLinking(goals, gateway);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private static CustomerLinkCommands.LinkCustomer link(String actionId) {
        return new CustomerLinkCommands.LinkCustomer(CustomerLink.id("G-1", actionId, "C-1"), "G-1", actionId, "C-1", "E-042",
                "WEEK", "2026-W48", "E-042");
    }

    @Test
    void linking_a_customer_records_the_fact_with_the_goals_period() {
        CustomerLinkCommands.LinkCustomer command = link(null);
        fixture.givenNoPriorActivity().when(command)
                .expectEvents(new CustomerLinked(command.linkId(), "G-1", null, "C-1", "E-042", "WEEK", "2026-W48", "E-042", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void linking_the_same_customer_the_same_way_again_records_nothing() {
        CustomerLinkCommands.LinkCustomer command = link("A-1");
        fixture.given(new CustomerLinked(command.linkId(), "G-1", "A-1", "C-1", "E-042", "WEEK", "2026-W48", "E-042", NOW))
                .when(command).expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void a_link_to_the_goal_and_one_to_its_action_are_different_links() {
        assertThat(CustomerLink.id("G-1", null, "C-1")).isNotEqualTo(CustomerLink.id("G-1", "A-1", "C-1"))
                .isEqualTo(CustomerLink.id("G-1", null, "C-1"));
    }

    @Test
    void the_owner_links_a_customer_to_the_goal_or_to_a_planned_action() {
        assertThat(linking.link(OWNER, new CustomerLinking.Request("G-1", "A-1", "C-1")).created()).isTrue();
        assertThat(sent).singleElement().isEqualTo(link("A-1"));
    }

    @Test
    void nobody_but_the_owner_may_link_not_even_the_supervisor() {
        assertThatThrownBy(() -> linking.link("S-1", new CustomerLinking.Request("G-1", null, "C-1")))
                .isInstanceOf(NotAllowed.class).hasMessageContaining("only the goal's owner");
        assertThat(sent).isEmpty();
    }

    @Test
    void an_action_that_is_not_planned_on_the_goal_is_refused_naming_the_field() {
        goals.apply(new ActionPlanned("G-1", "E-042", new PlannedAction("A-2", "call", "CALL", null, "C-2"), "E-042", NOW));
        goals.apply(new ActionRemoved("G-1", "E-042", "A-2", "not needed", "E-042", NOW));
        assertThatThrownBy(() -> linking.link(OWNER, new CustomerLinking.Request("G-1", "A-2", "C-1")))
                .isInstanceOf(DomainRuleBroken.class).satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("actionId"));
    }

    @Test
    void a_closed_or_unknown_goal_takes_no_links_and_a_blank_customer_is_refused() {
        assertThatThrownBy(() -> linking.link(OWNER, new CustomerLinking.Request("G-2", null, "C-1"))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> linking.link(OWNER, new CustomerLinking.Request("G-1", null, " ")))
                .isInstanceOf(DomainRuleBroken.class).satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("customerId"));
        goals.apply(new GoalClosed("G-1", "E-042", "ACHIEVED", null, "E-042", NOW));
        assertThatThrownBy(() -> linking.link(OWNER, new CustomerLinking.Request("G-1", null, "C-1"))).isInstanceOf(Conflict.class);
        assertThat(sent).isEmpty();
    }
}
