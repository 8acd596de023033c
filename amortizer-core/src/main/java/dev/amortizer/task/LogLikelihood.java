package dev.amortizer.task;

/** A tractable log-likelihood log p(x | θ), up to a constant that does not depend on θ. */
@FunctionalInterface
public interface LogLikelihood {
    /** log p(x | θ); {@code -Infinity} where x is impossible under θ. */
    double logLikelihood(double[] theta, double[] x);
}
