package dev.amortizer.direct;

import dev.amortizer.random.Rng;
import dev.amortizer.task.Prior;

/** A proposal q(θ) for importance sampling: draws and a log density (normalised or not, the same constant everywhere). */
public interface ImportanceProposal {
    /** One draw θ ~ q. */
    double[] sample(Rng rng);

    /** log q(θ) up to a constant; {@code -Infinity} where q(θ) = 0. */
    double logDensity(double[] theta);

    /** The prior as proposal: the weights are then the likelihood. */
    static ImportanceProposal prior(Prior prior) {
        return new ImportanceProposal() {
            @Override
            public double[] sample(Rng rng) {
                return prior.sample(rng);
            }

            @Override
            public double logDensity(double[] theta) {
                return prior.logDensity(theta);
            }
        };
    }
}
