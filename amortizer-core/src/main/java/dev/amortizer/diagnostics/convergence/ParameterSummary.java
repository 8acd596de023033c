package dev.amortizer.diagnostics.convergence;

/**
 * One parameter's line of a multi-chain summary, as Stan's {@code stansummary} prints it: the posterior mean,
 * standard deviation and 5 %, 50 %, 95 % quantiles of the (mass-weighted) draws, then R̂ and the bulk and tail ESS
 * ({@link ModeGroupedConvergence} says which chains they are computed over).
 */
public record ParameterSummary(String name, double mean, double sd, double q5, double q50, double q95, double rhat,
                               double essBulk, double essTail) {
    public ParameterSummary {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter summary needs a name, got '" + name + "'");
        }
    }
}
