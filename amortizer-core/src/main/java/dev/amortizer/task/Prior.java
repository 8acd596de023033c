package dev.amortizer.task;

import dev.amortizer.random.Rng;

/** A proper prior p(θ) on R^D: draws, log density, and the box that holds its support. */
public interface Prior {
    /** D, the dimension of θ. */
    int dim();

    /** One draw θ ~ p(θ). */
    double[] sample(Rng rng);

    /** {@code n} independent draws, one row each. */
    default double[][] sample(int n, Rng rng) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = sample(rng);
        }
        return out;
    }

    /** log p(θ), normalised; {@code -Infinity} outside the support. */
    double logDensity(double[] theta);

    /** Writes ∇ log p(θ) into {@code grad} and returns log p(θ); finite differences unless a prior overrides it. */
    default double logDensityAndGradient(double[] theta, double[] grad) {
        return FiniteDifferences.gradient(this::logDensity, theta, grad);
    }

    /** The smallest axis-aligned box known to hold the support (infinite bounds where unbounded). */
    Support support();
}
