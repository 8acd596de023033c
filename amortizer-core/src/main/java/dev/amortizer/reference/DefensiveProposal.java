package dev.amortizer.reference;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;

/**
 * A proposal on the unconstrained space z = φ⁻¹(θ): q(z) = α·p_z(z) + (1 − α)·g(z), where p_z(z) = p(φ(z))·|φ'(z)|
 * is the prior carried to z-space, g a fitted {@link GaussianMixture} and α the defensive weight. With α &gt; 0 the
 * ratio target/q is at most (target/p_z)/α, so the tails of the fit can never make rejection sampling unbounded
 * where the likelihood is bounded. With no fit it is the prior alone.
 */
final class DefensiveProposal {
    private final Prior prior;
    private final Bijection map;
    private final GaussianMixture fit;
    private final double priorWeight;

    DefensiveProposal(Prior prior, Bijection map, GaussianMixture fit, double priorWeight) {
        this.prior = prior;
        this.map = map;
        this.fit = fit;
        this.priorWeight = fit == null ? 1.0 : priorWeight;
    }

    static DefensiveProposal priorOnly(Prior prior, Bijection map) {
        return new DefensiveProposal(prior, map, null, 1.0);
    }

    /** log p_z(z), the prior density in z-space. */
    double logPrior(double[] z) {
        return prior.logDensity(map.forward(z)) + map.logAbsDetJacobian(z);
    }

    double logDensity(double[] z) {
        double lp = logPrior(z);
        if (fit == null) {
            return lp;
        }
        double a = Math.log(priorWeight) + lp;
        double b = Math.log1p(-priorWeight) + fit.logDensity(z);
        double max = Math.max(a, b);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    double[] sample(Rng rng) {
        if (fit == null || rng.nextDouble() < priorWeight) {
            return map.inverse(prior.sample(rng));
        }
        return fit.sample(rng);
    }
}
