package dev.amortizer.direct;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.direct.mcmc.GradientLogDensity;
import dev.amortizer.task.FiniteDifferences;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import java.util.Objects;

/**
 * The posterior pulled back to unconstrained space through θ = T(u), {@link Bijection#forSupport}:
 * log π_u(u) = log p(T(u)) + log p(x_o | T(u)) + log |det ∂θ/∂u|, with ∇_u log π_u by the chain rule
 * ({@link Bijection#pullBack}). Samplers move in u, so no step ever leaves the prior's support.
 *
 * <p>Counts its cost: every call of the likelihood (or of the target where the prior is zero) is one likelihood evaluation (a finite-difference gradient
 * costs 2D + 1 of them), every analytic likelihood gradient one gradient evaluation. A NaN log-likelihood counts as
 * an impossible θ. Not thread-safe: give each chain its own copy ({@link #copy()}).
 */
public final class UnconstrainedPosterior implements GradientLogDensity {
    private final Prior prior;
    private final LogLikelihood likelihood;
    private final double[] observation;
    private final Bijection bijection;
    private long likelihoodEvaluations;
    private long gradientEvaluations;

    public UnconstrainedPosterior(Prior prior, LogLikelihood likelihood, double[] observation) {
        this.prior = Objects.requireNonNull(prior, "prior");
        this.likelihood = Objects.requireNonNull(likelihood, "likelihood");
        this.observation = observation.clone();
        this.bijection = Bijection.forSupport(prior.support());
    }

    /** A fresh copy with its own counters, for another thread. */
    public UnconstrainedPosterior copy() {
        return new UnconstrainedPosterior(prior, likelihood, observation);
    }

    public Bijection bijection() {
        return bijection;
    }

    public int dim() {
        return prior.dim();
    }

    @Override
    public double logDensity(double[] u) {
        double[] theta = bijection.forward(u);
        double logPrior = prior.logDensity(theta);
        likelihoodEvaluations++;
        if (!(logPrior > Double.NEGATIVE_INFINITY)) {
            return Double.NEGATIVE_INFINITY;
        }
        double logLikelihood = likelihood.logLikelihood(theta, observation);
        if (Double.isNaN(logLikelihood)) {
            return Double.NEGATIVE_INFINITY;
        }
        return logPrior + logLikelihood + bijection.logAbsDetJacobian(u);
    }

    @Override
    public double logDensityAndGradient(double[] u, double[] grad) {
        double[] theta = bijection.forward(u);
        double[] priorGradient = new double[theta.length];
        double logPrior = prior.logDensityAndGradient(theta, priorGradient);
        if (!(logPrior > Double.NEGATIVE_INFINITY)) {
            likelihoodEvaluations++;
            return Double.NEGATIVE_INFINITY;
        }
        double logLikelihood;
        if (likelihood.hasAnalyticGradient()) {
            likelihoodEvaluations++;
            gradientEvaluations++;
            logLikelihood = likelihood.logLikelihoodAndGradient(theta, observation, grad);
        } else {
            logLikelihood = FiniteDifferences.gradient(t -> {
                likelihoodEvaluations++;
                return likelihood.logLikelihood(t, observation);
            }, theta, grad);
        }
        if (Double.isNaN(logLikelihood) || logLikelihood == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < grad.length; i++) {
            grad[i] += priorGradient[i];
        }
        bijection.pullBack(u, grad, grad);
        return logPrior + logLikelihood + bijection.logAbsDetJacobian(u);
    }

    /** Calls of the likelihood so far. */
    public long likelihoodEvaluations() {
        return likelihoodEvaluations;
    }

    /** Analytic likelihood gradients so far. */
    public long gradientEvaluations() {
        return gradientEvaluations;
    }
}
