package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.LogDensity;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;

/**
 * The unnormalised log posterior log p(θ) + log p(x_o | θ), counting its evaluations. Where the
 * prior is zero the likelihood is not called (the evaluation still counts); a NaN log-likelihood
 * counts as an impossible θ. Not thread-safe.
 */
final class PosteriorTarget implements LogDensity {
    private final Prior prior;
    private final LogLikelihood likelihood;
    private final double[] observation;
    private long evaluations;

    PosteriorTarget(Prior prior, LogLikelihood likelihood, double[] observation) {
        this.prior = prior;
        this.likelihood = likelihood;
        this.observation = observation.clone();
    }

    @Override
    public double logDensity(double[] theta) {
        evaluations++;
        double logPrior = prior.logDensity(theta);
        if (!(logPrior > Double.NEGATIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logLikelihood = likelihood.logLikelihood(theta, observation);
        return Double.isNaN(logLikelihood) ? Double.NEGATIVE_INFINITY : logPrior + logLikelihood;
    }

    /** The prior part of the target, log p(θ); not counted as an evaluation. */
    double logPrior(double[] theta) {
        return prior.logDensity(theta);
    }

    /** Evaluations so far. */
    long evaluations() {
        return evaluations;
    }
}
