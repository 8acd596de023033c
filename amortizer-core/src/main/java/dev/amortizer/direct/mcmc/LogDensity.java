package dev.amortizer.direct.mcmc;

/** An unnormalised log density log π(θ), the target of a kernel; {@code -Infinity} where π(θ) = 0. */
@FunctionalInterface
public interface LogDensity {
    /** log π(θ) up to a constant; {@code -Infinity} outside the support. */
    double logDensity(double[] theta);
}
