package dev.amortizer.direct;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.diagnostics.convergence.ParameterSummary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A direct method's answer after spending {@code budget}: posterior draws, what reaching them
 * cost, and method-specific diagnostics.
 *
 * @param budget      the budget spent, in the method's {@link BudgetUnit}
 * @param samples     the draws, one row each, columns named as the task's parameters
 * @param cost        cumulative cost in {@link Phase#QUERY}: all the work up to this budget plus
 *                    building this answer, but not building earlier answers
 * @param diagnostics named numbers, such as {@code acceptance_rate}, in insertion order; {@link AnswerWarnings}
 *                    reads them
 * @param parameters  per-parameter summary (mean, sd, quantiles, R̂, ESS) where the method ran chains, else empty
 */
public record AnytimeAnswer(long budget, Samples samples, CostLedger cost, Map<String, Double> diagnostics,
                            List<ParameterSummary> parameters) {
    public AnytimeAnswer {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget is " + budget + ", expected > 0");
        }
        if (samples == null || cost == null || diagnostics == null) {
            throw new IllegalArgumentException("samples, cost and diagnostics must not be null, got "
                    + samples + ", " + cost + ", " + diagnostics);
        }
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** An answer without a per-parameter summary. */
    public AnytimeAnswer(long budget, Samples samples, CostLedger cost, Map<String, Double> diagnostics) {
        this(budget, samples, cost, diagnostics, List.of());
    }

    /** The cost of reaching this answer, {@code cost().get(Phase.QUERY)}. */
    public Cost queryCost() {
        return cost.get(Phase.QUERY);
    }
}
