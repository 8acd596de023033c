package dev.amortizer.task;

/** A tractable log-likelihood log p(x | θ), up to a constant that does not depend on θ. */
@FunctionalInterface
public interface LogLikelihood {
    /** log p(x | θ); {@code -Infinity} where x is impossible under θ. */
    double logLikelihood(double[] theta, double[] x);

    /**
     * Writes ∇_θ log p(x | θ) into {@code grad} and returns log p(x | θ). Tasks override this where the gradient is
     * cheap (and {@link #hasAnalyticGradient()}); the default is {@link FiniteDifferences}, 2D + 1 evaluations.
     */
    default double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
        return FiniteDifferences.gradient(t -> logLikelihood(t, x), theta, grad);
    }

    /** Whether {@link #logLikelihoodAndGradient} is analytic rather than finite differences. */
    default boolean hasAnalyticGradient() {
        return false;
    }
}
