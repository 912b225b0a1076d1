package com.acme.goals.platform.feed;

import com.acme.goals.platform.errors.DomainRuleBroken;
import com.acme.goals.platform.messaging.CloudEventCodec;
import com.acme.goals.platform.web.PageAsked;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the feeds parked, as an admin pages through it: the longest waiting first, with its type and what it waits for. */
class ParkedRecordsTest {

    private static final Instant START = Instant.now().minusSeconds(7200);
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase db;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://localhost:" + server.bind().getPort());
        db = client.getDatabase("parked-test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void pages_go_from_the_longest_waiting_and_name_each_records_type_from_its_header_or_its_body() {
        ConsumerRecord<String, byte[]> revision = new ConsumerRecord<>("goal.events", 1, 40, "G-9", "{}".getBytes(StandardCharsets.UTF_8));
        revision.headers().add(CloudEventCodec.TYPE_HEADER, "goal.GoalRevised".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> hire = new ConsumerRecord<>("hr.events", 0, 7, "E-77",
                "{\"specversion\":\"1.0\",\"type\":\"hr.employee.hired\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> notJson = new ConsumerRecord<>("hr.events", 0, 8, "E-78", new byte[]{1, 2});
        at(START.plusSeconds(60)).park("scoring-service.goals", revision, new NotKnownYet("goal:G-9", "goal G-9 is not projected yet"));
        at(START).park("goal-service.hr", hire, new NotKnownYet("employee:S-1", "data.supervisorId: S-1 is not in the org chart yet"));
        at(START.plusSeconds(120)).park("goal-service.hr", notJson, new NotKnownYet("employee:S-2", "data.supervisorId: S-2"));
        ParkedRecords parked = at(START.plusSeconds(600));
        parked.park("goal-service.hr", hire, new NotKnownYet("employee:S-1", "data.supervisorId: S-1 is not in the org chart yet"));

        assertThat(parked.count()).isEqualTo(3);
        var first = parked.page(0, 2);
        assertThat(first).extracting(ParkedRecords.Waiting::waitingFor).containsExactly("employee:S-1", "goal:G-9");
        assertThat(first.get(0).type()).isEqualTo("hr.employee.hired");
        assertThat(first.get(0).attempts()).as("tried again once").isEqualTo(1);
        assertThat(first.get(0).parkedAt()).as("parked when first parked").isEqualTo(START);
        assertThat(first.get(0).lastTriedAt()).isEqualTo(START.plusSeconds(600));
        assertThat(first.get(1).type()).isEqualTo("goal.GoalRevised");
        assertThat(first.get(1)).extracting(ParkedRecords.Waiting::topic, ParkedRecords.Waiting::partition, ParkedRecords.Waiting::offset)
                .containsExactly("goal.events", 1, 40L);
        var second = parked.page(PageAsked.of(1, 2, 100).skip(), 2);
        assertThat(second).extracting(ParkedRecords.Waiting::waitingFor).containsExactly("employee:S-2");
        assertThat(second.get(0).type()).as("neither a header nor a JSON body").isNull();
    }

    @Test
    void a_page_out_of_range_is_refused_naming_the_parameter() {
        assertThatThrownBy(() -> PageAsked.of(0, 101, 100)).isInstanceOf(DomainRuleBroken.class)
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("size"));
        assertThatThrownBy(() -> PageAsked.of(-1, 20, 100)).isInstanceOf(DomainRuleBroken.class)
                .satisfies(e -> assertThat(((DomainRuleBroken) e).field()).isEqualTo("page"));
        assertThat(PageAsked.of(2, 20, 100).of(java.util.stream.IntStream.range(0, 45).boxed().toList())).containsExactly(40, 41, 42, 43, 44);
    }

    private ParkedRecords at(Instant now) {
        return new ParkedRecords(db, Clock.fixed(now, ZoneOffset.UTC));
    }
}
