package com.acme.goals.goal.domain;

import com.acme.goals.contracts.goal.NumericTarget;
import com.acme.goals.contracts.metric.MetricCatalogue;
import com.acme.goals.contracts.metric.MetricCatalogue.UnitKind;
import com.acme.goals.platform.errors.Conflict;
import com.acme.goals.platform.errors.DomainRuleBroken;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The metric catalogue as goal-service checks it: built-in metrics (CRM-fed and the spec's typed-in ones) and the
 * ones admins declared. A declared metric is looked up on the write model, so a goal set right after the declaration
 * is never refused; {@code declaredNames} (a read model) only feeds the "did you mean" list.
 */
public class Metrics {

    private final Repository<DeclaredMetric> declared;
    private final Supplier<Collection<String>> declaredNames;
    private final Clock clock;

    public Metrics(Repository<DeclaredMetric> declared, Supplier<Collection<String>> declaredNames, Clock clock) {
        this.declared = declared;
        this.declaredNames = declaredNames;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(MetricCommands.DeclareMetric command) throws Exception {
        if (command.name() == null || !command.name().matches(MetricCatalogue.NAME_RULE)) {
            throw new DomainRuleBroken("name", "name '" + command.name() + "' must be a snake_case name such as visits_to_agents");
        }
        UnitKind kind;
        try {
            kind = UnitKind.valueOf(String.valueOf(command.unitKind()));
        } catch (IllegalArgumentException e) {
            throw new DomainRuleBroken("unitKind", "unitKind '" + command.unitKind() + "' is none of MONEY, COUNT");
        }
        if (unitKindOf(command.name()).isPresent()) {
            throw new Conflict("metric " + command.name() + " is already in the catalogue");
        }
        declared.newInstance(() -> new DeclaredMetric(command, clock));
        return command.name() + ":" + kind;
    }

    /** The unit kind of a known metric; empty when the catalogue has no such name. */
    public Optional<UnitKind> unitKindOf(String name) {
        Optional<MetricCatalogue.Metric> builtIn = MetricCatalogue.builtIn(name);
        if (builtIn.isPresent()) {
            return Optional.of(builtIn.get().unitKind());
        }
        try {
            return Optional.of(declared.load(name).invoke(DeclaredMetric::unitKind));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Refuses a target on a metric the catalogue does not know, or in a unit its kind does not take, naming the
     * field and the closest known names. Only new commands are checked: stored goals with other names still replay.
     */
    public void check(List<NumericTarget> targets, String field) {
        for (int i = 0; i < targets.size(); i++) {
            NumericTarget t = targets.get(i);
            String at = field + "[" + i + "]";
            if (t.metric() == null || !t.metric().matches(MetricCatalogue.NAME_RULE)) {
                continue; // the goal's own rule names it
            }
            Optional<UnitKind> kind = unitKindOf(t.metric());
            if (kind.isEmpty()) {
                List<String> known = new ArrayList<>(MetricCatalogue.builtIns().stream().map(MetricCatalogue.Metric::name).toList());
                known.addAll(declaredNames.get());
                throw new DomainRuleBroken(at + ".metric", "metric '" + t.metric() + "' is not in the catalogue (GET /api/metrics); closest: "
                        + String.join(", ", MetricCatalogue.closest(t.metric(), known)));
            }
            if (t.unit() != null && !t.unit().isBlank() && !kind.get().accepts(t.unit())) {
                throw new DomainRuleBroken(at + ".unit", "unit '" + t.unit() + "' does not fit " + t.metric() + ", a "
                        + kind.get() + " metric: use " + kind.get().rule());
            }
        }
    }
}
