package com.acme.goals.goal.readmodel;

import com.acme.goals.contracts.goal.GoalRevised;
import com.acme.goals.contracts.goal.GoalSet;
import com.acme.goals.contracts.goal.NumericTarget;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goal views run in two segments, split by goal: a week goal's GoalSet may be handled before its month's, or at
 * the same moment on another thread. Whatever the order, each goal ends with its whole chain of ancestors, so a
 * subtree query finds it.
 */
class GoalProjectionTest {

    private static final List<String> CHAIN = List.of("year", "quarter", "month", "week", "day");
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private GoalProjection fresh() {
        database = client.getDatabase("goal-views");
        return new GoalProjection(database, new ObjectMapper().findAndRegisterModules());
    }

    /** The goal at that level of tree number {@code tree}. */
    private static String id(int tree, String level) {
        return tree + "-" + level;
    }

    private static GoalSet set(int tree, String goal) {
        int level = CHAIN.indexOf(goal);
        return new GoalSet(id(tree, goal), "e-rep", "WEEK", "2026-W49", level == 0 ? null : id(tree, CHAIN.get(level - 1)), goal,
                List.of(target("100")), List.of(), "e-lead",
                Instant.parse("2026-11-30T01:00:00Z"));
    }

    private static NumericTarget target(String amount) {
        return new NumericTarget("payments", new BigDecimal(amount), "CNY", null, null);
    }

    private void assertWholeChains(GoalProjection projection, int tree, List<String> order) {
        for (int level = 0; level < CHAIN.size(); level++) {
            assertThat(projection.find(id(tree, CHAIN.get(level))).orElseThrow().ancestors()).as(CHAIN.get(level) + " after " + order)
                    .containsExactlyElementsOf(CHAIN.subList(0, level).stream().map(l -> id(tree, l)).toList());
        }
        assertThat(projection.subtree(id(tree, "year"))).hasSize(CHAIN.size());
        assertThat(database.getCollection("goal_incomplete").countDocuments()).as("nothing left waiting").isZero();
    }

    @Test
    void every_order_of_five_levels_ends_with_each_goal_holding_its_whole_chain() {
        GoalProjection projection = fresh();
        int tree = 0;
        for (List<String> order : permutations(CHAIN)) {
            int t = tree++;
            order.forEach(goal -> projection.on(set(t, goal), 0));
            assertWholeChains(projection, t, order);
        }
    }

    @Test
    void two_segments_handling_the_levels_at_the_same_moment_still_end_with_whole_chains() throws Exception {
        Random random = new Random(49);
        ExecutorService segments = Executors.newFixedThreadPool(2);
        try {
            GoalProjection projection = fresh();
            for (int round = 0; round < 200; round++) {
                int tree = round;
                List<String> shuffled = new ArrayList<>(CHAIN);
                Collections.shuffle(shuffled, random);
                int cut = 1 + random.nextInt(CHAIN.size() - 1);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> done = new ArrayList<>();
                for (List<String> part : List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()))) {
                    done.add(segments.submit(() -> {
                        together.await();
                        part.forEach(goal -> projection.on(set(tree, goal), 0));
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                assertWholeChains(projection, tree, shuffled);
            }
        } finally {
            segments.shutdownNow();
        }
    }

    @Test
    void a_revision_keeps_the_ancestors_and_a_replayed_goal_set_changes_nothing() {
        GoalProjection projection = fresh();
        CHAIN.forEach(goal -> projection.on(set(0, goal), 0));
        projection.on(new GoalRevised(id(0, "week"), "e-rep", List.of(target("100")), List.of(target("150")),
                "a bigger account", "e-lead", Instant.parse("2026-12-01T01:00:00Z")), 1);
        projection.on(set(0, "week"), 0);
        GoalView week = projection.find(id(0, "week")).orElseThrow();
        assertThat(week.ancestors()).containsExactly(id(0, "year"), id(0, "quarter"), id(0, "month"));
        assertThat(week.revisions()).isEqualTo(1);
        assertThat(week.version()).isEqualTo(1);
        assertThat(week.numericTargets().get(0).target()).isEqualByComparingTo("150");
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> all = new ArrayList<>();
        for (String first : items) {
            List<String> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<String> tail : permutations(rest)) {
                List<String> one = new ArrayList<>();
                one.add(first);
                one.addAll(tail);
                all.add(one);
            }
        }
        return all;
    }
}
