package dev.amortizer.task;

import java.util.function.ToDoubleFunction;

/** Central-difference gradients, the fallback where a task gives no analytic gradient. */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * Writes ∇f(θ) into {@code grad} by central differences with a step of 1e-5·max(1, |θ_i|), and returns f(θ).
     * Costs 2D + 1 evaluations of f. Where a perturbed point leaves the support (f = −∞), the one-sided difference is
     * used.
     */
    public static double gradient(ToDoubleFunction<double[]> f, double[] theta, double[] grad) {
        double[] t = theta.clone();
        double f0 = f.applyAsDouble(t);
        for (int i = 0; i < t.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(theta[i]));
            t[i] = theta[i] + h;
            double up = f.applyAsDouble(t);
            t[i] = theta[i] - h;
            double down = f.applyAsDouble(t);
            t[i] = theta[i];
            if (Double.isFinite(up) && Double.isFinite(down)) {
                grad[i] = (up - down) / (2 * h);
            } else if (Double.isFinite(up)) {
                grad[i] = (up - f0) / h;
            } else if (Double.isFinite(down)) {
                grad[i] = (f0 - down) / h;
            } else {
                grad[i] = 0;
            }
        }
        return f0;
    }
}
