package dev.amortizer.escalation;

import dev.amortizer.cost.Cost;
import dev.amortizer.data.Samples;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One query's answer after escalation: the draws, the step that produced them, and what every step tried cost.
 *
 * @param draws       the answer, columns named as the task's parameters
 * @param step        the step whose draws these are
 * @param stepCosts   the cost of each step tried, in order (phase QUERY units: wall, CPU, likelihood evaluations,
 *                    forward passes ...); a step not tried is absent
 * @param paretoK     k̂ of the last importance weights computed (the probe's, or step 2's); NaN when none were
 * @param ess         Kish's ESS of those weights; NaN when none were
 * @param reason      why the escalation stopped where it did, in words
 * @param diagnostics named numbers: {@code step}, {@code probe_ess}, {@code probe_pareto_k}, {@code ess},
 *                    {@code pareto_k}, and the MCMC's own ({@code rhat}, {@code ess_bulk} ...) where step 3 ran
 */
public record EscalatedAnswer(Samples draws, Step step, Map<Step, Cost> stepCosts, double paretoK, double ess,
                              String reason, Map<String, Double> diagnostics) {
    public EscalatedAnswer {
        stepCosts = Collections.unmodifiableMap(new EnumMap<>(stepCosts));
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** The query's whole cost: every step tried, the failed ones included. */
    public Cost totalCost() {
        Cost total = Cost.ZERO;
        for (Cost c : stepCosts.values()) {
            total = total.plus(c);
        }
        return total;
    }
}
