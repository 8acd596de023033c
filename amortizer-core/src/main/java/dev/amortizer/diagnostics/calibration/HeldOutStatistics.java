package dev.amortizer.diagnostics.calibration;

import dev.amortizer.random.Rng;

/**
 * The per-simulation statistics of one held-out pair (θ*, x*) and its L posterior draws θ_1..θ_L.
 *
 * <p>SBC rank of parameter j: r_j = #{l : θ_{l,j} < θ*_j}, ties broken uniformly at random, in 0..L. Posterior
 * z-score z_j = (mean_l θ_{l,j} − θ*_j)/sd_l θ_{l,j}; contraction c_j = 1 − var_l θ_{l,j}/var_prior(θ_j). All
 * randomised fractions below are (k + u·(t + 1))/(L + 1) with k the draws strictly beyond θ*, t the ties and
 * u ~ U(0, 1): exactly U(0, 1) when θ* and the draws are exchangeable.
 */
final class HeldOutStatistics {
    private HeldOutStatistics() {
    }

    /** SBC ranks of θ* per parameter among the draws (rows). */
    static int[] ranks(double[] truth, double[][] draws, Rng rng) {
        int d = truth.length;
        int[] ranks = new int[d];
        for (int j = 0; j < d; j++) {
            int less = 0;
            int ties = 0;
            for (double[] draw : draws) {
                if (draw[j] < truth[j]) {
                    less++;
                } else if (draw[j] == truth[j]) {
                    ties++;
                }
            }
            ranks[j] = less + (ties == 0 ? 0 : rng.nextInt(ties + 1));
        }
        return ranks;
    }

    /** (k + u·(t + 1))/(L + 1) for {@code beyond} = k values strictly beyond the truth's and t ties. */
    static double randomisedFraction(int beyond, int ties, int draws, Rng rng) {
        return (beyond + rng.nextDouble() * (ties + 1)) / (draws + 1);
    }

    /** Posterior z-scores and contractions per parameter: rows {z, contraction}. */
    static double[][] zAndContraction(double[] truth, double[][] draws, double[] priorVariance) {
        int d = truth.length;
        double[][] out = new double[2][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] draw : draws) {
                mean += draw[j];
            }
            mean /= draws.length;
            double ss = 0;
            for (double[] draw : draws) {
                ss += (draw[j] - mean) * (draw[j] - mean);
            }
            double variance = ss / (draws.length - 1);
            out[0][j] = (mean - truth[j]) / Math.sqrt(variance);
            out[1][j] = 1 - variance / priorVariance[j];
        }
        return out;
    }
}
