package dev.amortizer.diagnostics.importance;

import java.util.Arrays;

/**
 * The Pareto-k̂ diagnostic of importance weights: the shape k of a generalised Pareto distribution fitted to the M
 * largest of S weights, M = min(⌈0.2 S⌉, ⌈3√S⌉), above the threshold set by the next largest. k̂ < 0.5: the
 * weights have finite variance; 0.5 ≤ k̂ < 0.7: usable, slower convergence; k̂ ≥ 0.7: the estimate is unreliable
 * (Vehtari et al.'s threshold for S in the thousands is min(1 − 1/log₁₀ S, 0.7)).
 *
 * <p>The fit is Zhang and Stephens' (2009) empirical-Bayes estimate: for the exceedances y₁ ≤ … ≤ y_M over a grid
 * of m = 30 + ⌊√M⌋ values θⱼ (spread by their prior around 1/y_M), the profile log-likelihood is
 * ℓ(θ) = M (log(θ / k(θ)) − k(θ) − 1) with k(θ) = mean log(1 + θ yᵢ); θ̄ is the ℓ-weighted mean of the grid and
 * k = k(θ̄), then shrunk towards 0.5 by a weak prior, k̂ = (M k + 10 · 0.5)/(M + 10). A tail flat to within
 * rounding (every exceedance at most 10⁻⁹ of the largest weight) has k̂ = −∞, as exactly equal weights do.
 *
 * <p>{@code double k = ParetoKhat.of(logWeights);}
 *
 * @see "Vehtari, Simpson, Gelman, Yao and Gabry (2024), Pareto smoothed importance sampling, JMLR 25(72)"
 * @see "Zhang and Stephens (2009), A new and efficient estimation method for the generalized Pareto distribution,
 *     Technometrics 51(3), 316–325"
 */
public final class ParetoKhat {
    /** Above this k̂, importance-sampling estimates are unreliable. */
    public static final double RELIABLE_LIMIT = 0.7;

    private ParetoKhat() {
    }

    /** k̂ of the weights exp(logWeights); needs S ≥ 10 finite-or-−∞ log weights with at least M + 1 finite. */
    public static double of(double[] logWeights) {
        int s = logWeights.length;
        if (s < 10) {
            throw new IllegalArgumentException("Pareto-k needs at least 10 weights, got " + s);
        }
        for (int i = 0; i < s; i++) {
            if (Double.isNaN(logWeights[i]) || logWeights[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("logWeights[" + i + "] is " + logWeights[i] + ", expected a number or -Infinity");
            }
        }
        int tail = (int) Math.min(Math.ceil(0.2 * s), Math.ceil(3 * Math.sqrt(s)));
        double[] sorted = logWeights.clone();
        Arrays.sort(sorted);
        double threshold = sorted[s - tail - 1];
        if (threshold == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double max = sorted[s - 1];
        double[] exceedances = new double[tail];
        for (int i = 0; i < tail; i++) {
            exceedances[i] = Math.exp(sorted[s - tail + i] - max) - Math.exp(threshold - max);
        }
        return fitShape(exceedances);
    }

    /**
     * Exceedances at most this share of the largest weight are rounding, not a tail: log weights that differ only in
     * their last bits (an exact proposal's, log π − log q computed two ways) would otherwise fit any shape.
     */
    private static final double FLAT_TAIL = 1e-9;

    /** The regularised Zhang–Stephens shape of ascending exceedances y ≥ 0 (in units of the largest weight). */
    static double fitShape(double[] y) {
        int n = y.length;
        double largest = y[n - 1];
        if (!(largest > FLAT_TAIL)) {
            return Double.NEGATIVE_INFINITY;
        }
        int m = 30 + (int) Math.floor(Math.sqrt(n));
        double quartile = y[Math.max(0, (int) Math.floor(n / 4.0 + 0.5) - 1)];
        if (!(quartile > 0)) {
            quartile = largest / n;
        }
        double[] b = new double[m];
        double[] k = new double[m];
        double[] logLik = new double[m];
        for (int j = 0; j < m; j++) {
            b[j] = 1 / largest + (1 - Math.sqrt(m / (j + 0.5))) / (3 * quartile);
            k[j] = meanLog1p(-b[j], y);
            logLik[j] = n * (Math.log(-b[j] / k[j]) - k[j] - 1);
        }
        double bBar = 0;
        for (int j = 0; j < m; j++) {
            double denominator = 0;
            for (int l = 0; l < m; l++) {
                denominator += Math.exp(logLik[l] - logLik[j]);
            }
            bBar += b[j] / denominator;
        }
        double shape = meanLog1p(-bBar, y);
        return (n * shape + 10 * 0.5) / (n + 10);
    }

    /** mean log(1 + θ yᵢ). */
    private static double meanLog1p(double theta, double[] y) {
        double s = 0;
        for (double v : y) {
            s += Math.log1p(theta * v);
        }
        return s / y.length;
    }
}
