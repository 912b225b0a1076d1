package com.acme.goals.platform.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared-window token must be Axon's Mongo token in all but its cost: same window, order, trimming and answers. */
class SharedWindowTokenTest {

    private static final Duration LOOK_BACK = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    /** Event times that mostly move on and sometimes come late (a slow commit), as the store hands them out. */
    private static List<Instant> times(Random random, int count) {
        List<Instant> times = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < count; i++) {
            now = now.plusMillis(random.nextInt(40));
            times.add(random.nextInt(20) == 0 ? now.minusMillis(random.nextInt(12_000)) : now);
        }
        return times;
    }

    private static List<Map.Entry<String, Long>> window(MongoTrackingToken token) {
        return List.copyOf(token.getTrackedEvents().entrySet());
    }

    @Test
    void advancing_over_the_same_events_gives_the_same_window_in_the_same_order_as_axons_token() {
        for (int seed = 0; seed < 5; seed++) {
            Random random = new Random(seed);
            List<Instant> times = times(random, 20_000); // long enough for the log to be compacted several times
            MongoTrackingToken axons = MongoTrackingToken.of(START, "e-start");
            MongoTrackingToken shared = SharedWindowToken.of(axons);
            for (int i = 0; i < times.size(); i++) {
                String id = "e-" + i;
                axons = axons.advanceTo(times.get(i), id, LOOK_BACK);
                shared = shared.advanceTo(times.get(i), id, LOOK_BACK);
                if (i % 97 == 0 || i == times.size() - 1) {
                    assertThat(shared.getTimestamp()).as("seed %d, event %d", seed, i).isEqualTo(axons.getTimestamp());
                    assertThat(window(shared)).as("seed %d, event %d", seed, i).isEqualTo(window(axons));
                    assertThat(shared.getKnownEventIds()).containsExactlyInAnyOrderElementsOf(axons.getKnownEventIds());
                    assertThat(SharedWindowToken.plain(shared)).isEqualTo(axons);
                }
            }
            assertThat(shared).isInstanceOf(SharedWindowToken.class);
            // what a processor's batch holds is one token per event; the log behind them stays near the window's size
            assertThat(((SharedWindowToken) shared).logLength())
                    .isLessThanOrEqualTo(Math.max(2 * shared.getTrackedEvents().size(), SharedWindowToken.Log.COMPACT_AFTER) + 1);
        }
    }

    @Test
    void covers_lower_and_upper_bounds_answer_as_axons_token_does() {
        Random random = new Random(7);
        List<Instant> times = times(random, 2_000);
        MongoTrackingToken axons = MongoTrackingToken.of(START, "e-start");
        MongoTrackingToken shared = SharedWindowToken.of(axons);
        List<MongoTrackingToken> axonsSteps = new ArrayList<>();
        List<MongoTrackingToken> sharedSteps = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            axons = axons.advanceTo(times.get(i), "e-" + i, LOOK_BACK);
            shared = shared.advanceTo(times.get(i), "e-" + i, LOOK_BACK);
            axonsSteps.add(axons);
            sharedSteps.add(shared);
        }
        for (int k = 0; k < 300; k++) {
            int a = random.nextInt(times.size());
            int b = random.nextInt(times.size());
            assertThat(sharedSteps.get(a).covers(sharedSteps.get(b))).isEqualTo(axonsSteps.get(a).covers(axonsSteps.get(b)));
            assertThat(sharedSteps.get(a).covers(axonsSteps.get(b))).isEqualTo(axonsSteps.get(a).covers(axonsSteps.get(b)));
            assertThat(SharedWindowToken.plain(sharedSteps.get(a).lowerBound(sharedSteps.get(b))))
                    .isEqualTo(axonsSteps.get(a).lowerBound(axonsSteps.get(b)));
            assertThat(SharedWindowToken.plain(sharedSteps.get(a).upperBound(sharedSteps.get(b))))
                    .isEqualTo(axonsSteps.get(a).upperBound(axonsSteps.get(b)));
            assertThat(sharedSteps.get(a).equals(sharedSteps.get(b))).isEqualTo(a == b || axonsSteps.get(a).equals(axonsSteps.get(b)));
        }
    }

    @Test
    void two_readers_advancing_from_one_token_each_get_their_own_window_and_the_token_they_started_from_is_unchanged() throws Exception {
        MongoTrackingToken start = SharedWindowToken.of(MongoTrackingToken.of(START, "e-start"));
        for (int i = 0; i < 50; i++) {
            start = start.advanceTo(START.plusMillis(i), "e-" + i, LOOK_BACK);
        }
        MongoTrackingToken from = start;
        List<Map.Entry<String, Long>> before = window(from);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        List<Callable<MongoTrackingToken>> work = new ArrayList<>();
        for (String reader : List.of("a", "b")) {
            work.add(() -> {
                MongoTrackingToken token = from;
                for (int i = 0; i < 2_000; i++) {
                    token = token.advanceTo(START.plusMillis(50 + i), reader + "-" + i, LOOK_BACK);
                }
                return token;
            });
        }
        List<Future<MongoTrackingToken>> done = readers.invokeAll(work);
        readers.shutdown();
        for (int r = 0; r < 2; r++) {
            String reader = r == 0 ? "a" : "b";
            MongoTrackingToken axons = MongoTrackingToken.of(START, "e-start");
            for (int i = 0; i < 50; i++) {
                axons = axons.advanceTo(START.plusMillis(i), "e-" + i, LOOK_BACK);
            }
            for (int i = 0; i < 2_000; i++) {
                axons = axons.advanceTo(START.plusMillis(50 + i), reader + "-" + i, LOOK_BACK);
            }
            assertThat(window(done.get(r).get())).as(reader).isEqualTo(window(axons));
        }
        assertThat(window(from)).isEqualTo(before);
    }

    @Test
    void an_event_already_in_the_window_is_refused_as_axons_token_refuses_it() {
        MongoTrackingToken shared = SharedWindowToken.of(MongoTrackingToken.of(START, "e-1")).advanceTo(START.plusMillis(1), "e-2", LOOK_BACK);
        assertThatThrownBy(() -> shared.advanceTo(START.plusMillis(2), "e-1", LOOK_BACK)).isInstanceOf(IllegalArgumentException.class);
        // one that has left the window may come again (a late commit read a second time is excluded by the query, not here)
        MongoTrackingToken later = shared.advanceTo(START.plusSeconds(60), "e-3", LOOK_BACK);
        assertThat(later.advanceTo(START.plusSeconds(61), "e-1", LOOK_BACK).getKnownEventIds()).containsExactlyInAnyOrder("e-3", "e-1");
    }

    @Test
    void a_token_store_keeps_axons_token_inside_replay_and_merged_tokens_too() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoTokenStore mongo = MongoTokenStore.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "tokens").build())
                    .serializer(JacksonSerializer.defaultSerializer()).build();
            SparseClaimRenewal store = new SparseClaimRenewal(mongo, Duration.ofSeconds(4), java.time.Clock.systemUTC());
            MongoTrackingToken shared = SharedWindowToken.of(MongoTrackingToken.of(START, "e-1")).advanceTo(START.plusMillis(5), "e-2", LOOK_BACK);
            MongoTrackingToken axons = MongoTrackingToken.of(START, "e-1").advanceTo(START.plusMillis(5), "e-2", LOOK_BACK);

            store.initializeTokenSegments("relay", 3);
            store.storeToken(shared, "relay", 0);
            assertThat(store.fetchToken("relay", 0)).isExactlyInstanceOf(MongoTrackingToken.class).isEqualTo(axons);

            store.storeToken(new ReplayToken(shared, shared), "relay", 1);
            TrackingToken replay = store.fetchToken("relay", 1);
            assertThat(((ReplayToken) replay).getTokenAtReset()).isExactlyInstanceOf(MongoTrackingToken.class).isEqualTo(axons);

            store.storeToken(new MergedTrackingToken(shared, new GlobalSequenceTrackingToken(3)), "relay", 2);
            TrackingToken merged = store.fetchToken("relay", 2);
            assertThat(((MergedTrackingToken) merged).lowerSegmentToken()).isExactlyInstanceOf(MongoTrackingToken.class).isEqualTo(axons);
        } finally {
            server.shutdownNow();
        }
    }
}
