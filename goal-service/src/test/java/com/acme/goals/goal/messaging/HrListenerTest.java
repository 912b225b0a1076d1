package com.acme.goals.goal.messaging;

import com.acme.goals.contracts.Topics;
import com.acme.goals.goal.domain.OrgCommands.RegisterEmployee;
import com.acme.goals.goal.domain.OrgCommands.RegisterEmployees;
import com.acme.goals.goal.domain.OrgCommands.Registrations;
import com.acme.goals.goal.domain.SupervisorNotRegistered;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.feed.ConsumerPositions;
import com.acme.goals.platform.feed.DeadLetters;
import com.acme.goals.platform.feed.EventFeeds;
import com.acme.goals.platform.feed.ParkedRecords;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.messaging.InboundContract;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HR's hires arrive in any order across partitions; none may vanish on the way, whatever fails. */
class HrListenerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC);
    private MongoServer server;
    private MongoClient client;
    private ParkedRecords parked;
    private MockProducer<String, byte[]> kafka;
    private EventFeeds feeds;
    private HrListener hr;
    private final AtomicLong offset = new AtomicLong();
    /** The org directory as goal-service's command side keeps it. */
    private final Set<String> hired = ConcurrentHashMap.newKeySet();
    private final List<String> applied = new CopyOnWriteArrayList<>();
    /** The hires of each batch command, in order. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    /** A hire whose next command fails the way a store that is down fails. */
    private volatile String failOnce;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        MongoDatabase db = client.getDatabase("hr-test");
        parked = new ParkedRecords(db, CLOCK);
        kafka = new MockProducer<>(true, new StringSerializer(), new ByteArraySerializer());
        feeds = new EventFeeds("goal-service", new CloudEventCodec(new ObjectMapper()), new DeadLetters(kafka, new SimpleMeterRegistry(), CLOCK),
                parked, new ConsumerPositions(db, CLOCK), new SimpleMeterRegistry());
        CommandGateway commands = Mockito.mock(CommandGateway.class);
        Mockito.when(commands.sendAndWait(Mockito.any())).thenAnswer(call -> {
            if (call.getArgument(0) instanceof RegisterEmployees batch) {
                batches.add(batch.employees().stream().map(RegisterEmployee::employeeId).toList());
                List<String> registered = new java.util.ArrayList<>();
                List<String> already = new java.util.ArrayList<>();
                for (RegisterEmployee register : batch.employees()) {
                    failIfAsked(register);
                    if (register.supervisorId() != null && !hired.contains(register.supervisorId())
                            || register.employeeId().equals(register.supervisorId())) {
                        continue; // left for the one-at-a-time command
                    }
                    if (!hired.add(register.employeeId())) {
                        already.add(register.employeeId());
                        continue;
                    }
                    applied.add(register.employeeId());
                    registered.add(register.employeeId());
                }
                return new Registrations(registered, already);
            }
            RegisterEmployee register = call.getArgument(0);
            failIfAsked(register);
            if (hired.contains(register.employeeId())) {
                throw new Conflict("employee " + register.employeeId() + " is already registered");
            }
            if (register.employeeId().equals(register.supervisorId())) {
                throw new DomainRuleBroken("supervisorId", "an employee cannot report to themself");
            }
            if (register.supervisorId() != null && !hired.contains(register.supervisorId())) {
                throw new SupervisorNotRegistered(register.supervisorId());
            }
            hired.add(register.employeeId());
            applied.add(register.employeeId());
            return null;
        });
        hr = new HrListener(commands, new InboundContract(), new ObjectMapper());
        hr.attach(feeds);
    }

    private void failIfAsked(RegisterEmployee register) {
        if (register.employeeId().equals(failOnce)) {
            failOnce = null;
            throw new IllegalStateException("Timed out after 30000 ms while waiting to connect");
        }
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private ConsumerRecord<String, byte[]> hire(String employee, String supervisor) {
        return record("hr-" + employee, hireJson(employee, supervisor));
    }

    private static String hireJson(String employee, String supervisor) {
        return ("{\"specversion\":\"1.0\",\"id\":\"hr-%s\",\"source\":\"urn:example:hr\",\"type\":\"hr.employee.hired\","
                + "\"time\":\"2026-10-02T08:00:00+08:00\",\"datacontenttype\":\"application/json\",\"data\":{\"employeeId\":\"%s\","
                + "\"name\":\"n\",\"role\":\"SALES_REP\",\"supervisorId\":%s,\"timeZone\":\"Asia/Shanghai\"}}")
                .formatted(employee, employee, supervisor == null ? "null" : "\"" + supervisor + "\"");
    }

    private ConsumerRecord<String, byte[]> record(String key, String json) {
        return new ConsumerRecord<>(Topics.ORG_ACTIVITY, 0, offset.getAndIncrement(), key, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_waiting_hire_is_kept_until_it_is_applied_even_when_its_first_retry_fails() throws Exception {
        hr.consume(List.of(hire("E-2", "E-1")));
        assertThat(parked.count("goal-service.hr")).isEqualTo(1);

        failOnce = "E-2"; // the supervisor's hire releases E-2, whose registration then meets a store that is down
        hr.consume(List.of(hire("E-1", null)));
        assertThat(applied).containsExactly("E-1");
        assertThat(parked.count("goal-service.hr")).as("still waiting, not deleted before it was applied").isEqualTo(1);

        feeds.redriveAll();
        assertThat(applied).containsExactly("E-1", "E-2");
        assertThat(parked.count("goal-service.hr")).isZero();
    }

    @Test
    void a_supervisors_hire_delivered_again_releases_the_hires_waiting_for_it() throws Exception {
        hr.consume(List.of(hire("E-2", "E-1"), hire("E-3", "E-1")));
        hired.add("E-1"); // hired meanwhile (by the API, or a first delivery whose release never ran: the process died)

        hr.consume(List.of(hire("E-1", null))); // changes nothing for E-1 (already hired), but no longer for those waiting
        assertThat(applied).containsExactlyInAnyOrder("E-2", "E-3");
        assertThat(parked.count("goal-service.hr")).isZero();
    }

    @Test
    void a_hire_that_meets_a_store_failure_fails_its_batch_for_a_retry_and_is_neither_parked_nor_dead_lettered() {
        failOnce = "E-1";
        assertThatThrownBy(() -> hr.consume(List.of(hire("E-1", null)))).hasMessageContaining("Timed out");
        assertThat(parked.count("goal-service.hr")).isZero();
        assertThat(applied).isEmpty();
    }

    @Test
    void a_polls_hires_go_as_one_command_and_those_it_leaves_are_applied_parked_or_dead_lettered_one_at_a_time() throws Exception {
        hr.consume(List.of(
                hire("E-3", "E-2"), // its supervisor comes later in the same poll
                hire("E-1", null),
                hire("E-2", "E-1"),
                hire("E-2", "E-1"), // the same hire twice
                hire("E-5", "E-4"), // waits for someone not hired yet
                record("hr-m", "{\"not\":\"a cloud event\"}"),
                hire("E-6", "E-1"),
                hire("E-9", "E-9"))); // reads well, breaks a rule: dead-lettered with it

        assertThat(batches).as("the hires before the bad record, then those after it").containsExactly(
                List.of("E-3", "E-1", "E-2", "E-2", "E-5"), List.of("E-6", "E-9"));
        assertThat(applied).containsExactly("E-1", "E-2", "E-3", "E-6");
        assertThat(parked.count("goal-service.hr")).as("E-5 waits for E-4").isEqualTo(1);
        assertThat(kafka.history()).extracting(r -> r.key()).containsExactly("hr-m", "hr-E-9");
        assertThat(new String(kafka.history().get(1).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .contains("data.supervisorId").contains("themself");

        hr.consume(List.of(hire("E-4", "E-1"))); // releases E-5
        assertThat(applied).containsExactly("E-1", "E-2", "E-3", "E-6", "E-4", "E-5");
        assertThat(parked.count("goal-service.hr")).isZero();
    }

    @Test
    void a_batch_that_meets_a_store_failure_fails_whole_for_a_retry_and_applies_each_hire_once_on_it() throws Exception {
        failOnce = "E-2";
        List<ConsumerRecord<String, byte[]>> poll = List.of(hire("E-1", null), hire("E-2", "E-1"), hire("E-3", "E-1"));
        assertThatThrownBy(() -> hr.consume(poll)).hasMessageContaining("Timed out");
        assertThat(parked.count("goal-service.hr")).isZero();

        hr.consume(poll); // the container delivers the poll again
        assertThat(applied).containsExactly("E-1", "E-2", "E-3");
        assertThat(parked.count("goal-service.hr")).isZero();
        assertThat(kafka.history()).as("nothing dead-lettered").isEmpty();
    }
}
