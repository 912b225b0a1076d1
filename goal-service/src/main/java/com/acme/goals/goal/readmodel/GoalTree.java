package com.acme.goals.goal.readmodel;

import com.acme.goals.contracts.goal.NumericTarget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A goal and its descendants, with the children's per-metric sums against each goal's own targets. */
public final class GoalTree {

    /** {@code gap} = target − children's sum: positive means not yet decomposed, negative a stretch. */
    public record MetricSum(String metric, String unit, BigDecimal target, BigDecimal childrenSum, BigDecimal gap) {
    }

    public record Node(GoalView goal, List<MetricSum> childSums, List<Node> children) {
    }

    private GoalTree() {
    }

    public static Node of(String rootId, List<GoalView> subtree) {
        Map<String, List<GoalView>> byParent = new HashMap<>();
        GoalView root = null;
        for (GoalView g : subtree) {
            if (g.goalId().equals(rootId)) {
                root = g;
            } else {
                byParent.computeIfAbsent(g.parentGoalId(), k -> new ArrayList<>()).add(g);
            }
        }
        return root == null ? null : node(root, byParent);
    }

    private static Node node(GoalView goal, Map<String, List<GoalView>> byParent) {
        List<GoalView> kids = new ArrayList<>(byParent.getOrDefault(goal.goalId(), List.of()));
        kids.sort(Comparator.comparing((GoalView g) -> g.periodKey() == null ? "~" : g.periodKey()).thenComparing(GoalView::goalId));
        List<Node> children = kids.stream().map(k -> node(k, byParent)).toList();
        List<MetricSum> sums = new ArrayList<>();
        for (NumericTarget t : goal.numericTargets()) {
            BigDecimal sum = kids.stream().flatMap(k -> k.numericTargets().stream())
                    .filter(c -> c.metric().equals(t.metric()) && c.unit().equals(t.unit()))
                    .map(NumericTarget::target).reduce(BigDecimal.ZERO, BigDecimal::add);
            sums.add(new MetricSum(t.metric(), t.unit(), t.target(), sum, t.target().subtract(sum)));
        }
        return new Node(goal, sums, children);
    }
}
