package dev.amortizer.diagnostics.observation;

import dev.amortizer.random.Rng;
import dev.amortizer.task.ParallelSimulation;
import dev.amortizer.task.Task;

/**
 * The posterior predictive check: x̃_l ~ p(x | θ_l) for L posterior draws θ_l, and where x_o falls among them. Per
 * coordinate i, the predictive quantile u_i = (#{x̃_li < x_o,i} + ½ #{x̃_li = x_o,i}) / L and the two-sided p-value
 * p_i = min(1, 2 (1 + min(#{x̃_li ≤ x_o,i}, #{x̃_li ≥ x_o,i})) / (L + 1)). Overall, the distance
 * d(z) = Σ_i ((z_i − m_i) / s_i)² from the mean m and standard deviation s of the L + 1 points {x̃_l} ∪ {x_o}, and
 * p = (1 + #{l : d(x̃_l) ≥ d(x_o)}) / (L + 1). A small p says the model, with this posterior, does not reproduce x_o.
 * Posterior predictive p-values are conservative (x_o helped choose θ), so a small one is a strong signal and a large
 * one a weak reassurance.
 *
 * @see "Gelman, Meng and Stern (1996), Posterior predictive assessment of model fitness, Statistica Sinica 6"
 */
public final class PredictiveCheck {
    private PredictiveCheck() {
    }

    /**
     * Simulates one x̃ per row of {@code theta} on {@code threads} threads (the result does not depend on them);
     * simulations with non-finite values are dropped and counted.
     *
     * @throws IllegalArgumentException if fewer than 10 simulations are finite
     */
    public static Predictive run(Task task, double[][] theta, double[] x, Rng rng, int threads) {
        double[][] simulated = ParallelSimulation.simulate(task.simulator(), theta, rng, threads);
        double[][] rows = TypicalityReference.finiteRows(simulated, "posterior predictive", task);
        return of(rows, x, theta.length - rows.length);
    }

    /** Where x falls among the finite predictive rows. */
    static Predictive of(double[][] rows, double[] x, int dropped) {
        int n = rows.length;
        int d = x.length;
        double[] quantiles = new double[d];
        double[] pValues = new double[d];
        for (int i = 0; i < d; i++) {
            int below = 0;
            int equal = 0;
            for (double[] r : rows) {
                if (r[i] < x[i]) {
                    below++;
                } else if (r[i] == x[i]) {
                    equal++;
                }
            }
            int above = n - below - equal;
            quantiles[i] = (below + 0.5 * equal) / n;
            pValues[i] = Math.min(1, 2 * (1.0 + Math.min(below + equal, above + equal)) / (n + 1));
        }
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < d; i++) {
            double s = x[i];
            for (double[] r : rows) {
                s += r[i];
            }
            mean[i] = s / (n + 1);
            double v = (x[i] - mean[i]) * (x[i] - mean[i]);
            for (double[] r : rows) {
                v += (r[i] - mean[i]) * (r[i] - mean[i]);
            }
            // a coordinate the posterior predicts exactly (and x_o matches) adds nothing to the distance
            sd[i] = v > 0 ? Math.sqrt(v / n) : Double.POSITIVE_INFINITY;
        }
        double dObserved = distance(x, mean, sd);
        int asFar = 0;
        for (double[] r : rows) {
            if (distance(r, mean, sd) >= dObserved) {
                asFar++;
            }
        }
        return new Predictive(quantiles, pValues, (1.0 + asFar) / (n + 1), n, dropped);
    }

    private static double distance(double[] z, double[] mean, double[] sd) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double t = (z[i] - mean[i]) / sd[i];
            s += t * t;
        }
        return s;
    }
}
