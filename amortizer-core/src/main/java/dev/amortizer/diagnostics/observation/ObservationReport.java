package dev.amortizer.diagnostics.observation;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.diagnostics.observation.ImportanceCheck.Importance;
import java.util.List;
import java.util.Optional;

/**
 * The per-observation checks of one answer ({@link ObservationChecks}): typicality of x_o under the prior
 * predictive, Pareto-k̂ of the amortised draws where the task has a likelihood, the posterior predictive check (absent
 * when the posterior could not give its draws for x_o), whether
 * all of them passed, a sentence per failed check, and what they cost: the typicality reference's preparation on the
 * validation phase where it was prepared for this call, the query's checks on the query phase.
 */
public record ObservationReport(Typicality typicality, Optional<Importance> importance,
                                Optional<Predictive> predictive,
                                boolean trustworthy, List<String> warnings, CostLedger cost) {
    public ObservationReport {
        warnings = List.copyOf(warnings);
    }

    /** This report with {@code extra} added to its cost (a reference prepared for it, say). */
    public ObservationReport plusCost(CostLedger extra) {
        return new ObservationReport(typicality, importance, predictive, trustworthy, warnings, cost.plus(extra));
    }

    /** Simulations run for these checks (the reference's included where it was prepared for this call). */
    public long simulations() {
        return cost.total().simulatorCalls();
    }

    /** Wall time of these checks, in seconds. */
    public double wallSeconds() {
        return cost.total().wallSeconds();
    }
}
