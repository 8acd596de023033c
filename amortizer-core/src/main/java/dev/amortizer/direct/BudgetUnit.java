package dev.amortizer.direct;

import dev.amortizer.cost.Cost;

/** What a direct method's budget counts. */
public enum BudgetUnit {
    /** Simulations x ~ p(x | θ), one θ row each. */
    SIMULATOR_CALLS,
    /** Evaluations of the unnormalised log posterior log p(θ) + log p(x_o | θ). */
    LIKELIHOOD_EVALUATIONS;

    /** How much of this unit {@code cost} records. */
    public long spent(Cost cost) {
        return switch (this) {
            case SIMULATOR_CALLS -> cost.simulatorCalls();
            case LIKELIHOOD_EVALUATIONS -> cost.likelihoodEvaluations();
        };
    }

    /** The lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
