package dev.amortizer.direct.mcmc;

/** An unnormalised log density log π(x) with its gradient ∇ log π(x), the target of gradient-based kernels. */
public interface GradientLogDensity extends LogDensity {
    /**
     * Writes ∇ log π(x) into {@code grad} (length D) and returns log π(x) up to a constant; {@code -Infinity}
     * (gradient unspecified) where π(x) = 0.
     */
    double logDensityAndGradient(double[] x, double[] grad);
}
