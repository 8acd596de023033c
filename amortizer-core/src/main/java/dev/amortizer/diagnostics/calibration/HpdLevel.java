package dev.amortizer.diagnostics.calibration;

import dev.amortizer.random.Rng;

/**
 * The credibility level of the smallest highest-density region that holds θ*: α = P_q(q(θ) > q(θ*) | x*), estimated
 * from the L draws as the randomised fraction of draws denser than θ*. θ* lies in the HPD region of level c iff
 * α ≤ c, so the expected coverage at level c is the fraction of held-out simulations with α ≤ c.
 *
 * <p>With a posterior density (an {@code AmortisedDensity}) q is the posterior's own. Without one, q is a Gaussian
 * kernel density estimate with a leave-one-out evaluation over the pooled L + 1 points {θ*, θ_1..θ_L}: each point's
 * density is the mean kernel over the other L points, with a diagonal bandwidth h_j = s_j (L + 1)^(−1/(D+4))
 * (Scott's rule on the pooled per-parameter sd s_j). The pooled, symmetric construction keeps θ* and the draws
 * exchangeable, so α stays exactly uniform under a calibrated posterior; the KDE only affects the power.
 */
final class HpdLevel {
    private HpdLevel() {
    }

    /** α from log-densities: {@code logTruth} of θ*, {@code logDraws} of the draws. */
    static double fromDensities(double logTruth, double[] logDraws, Rng rng) {
        int beyond = 0;
        int ties = 0;
        for (double q : logDraws) {
            if (q > logTruth) {
                beyond++;
            } else if (q == logTruth) {
                ties++;
            }
        }
        return HeldOutStatistics.randomisedFraction(beyond, ties, logDraws.length, rng);
    }

    /** α from the leave-one-out kernel density over {θ*, draws}. */
    static double fromKde(double[] truth, double[][] draws, Rng rng) {
        int n = draws.length + 1;
        int d = truth.length;
        double[][] points = new double[n][];
        points[0] = truth;
        System.arraycopy(draws, 0, points, 1, draws.length);
        double factor = Math.pow(n, -1.0 / (d + 4));
        double[] inverseBandwidth = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] p : points) {
                mean += p[j];
            }
            mean /= n;
            double ss = 0;
            for (double[] p : points) {
                ss += (p[j] - mean) * (p[j] - mean);
            }
            double sd = Math.sqrt(ss / (n - 1));
            // a parameter the posterior pins to one value: every point is alike in it, so it carries no density
            inverseBandwidth[j] = sd > 0 ? 1 / (sd * factor) : 0;
        }
        double[] logDensity = new double[n];
        double[] logKernel = new double[n];
        for (int a = 0; a < n; a++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < n; b++) {
                if (b == a) {
                    continue;
                }
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double z = (points[a][j] - points[b][j]) * inverseBandwidth[j];
                    s += z * z;
                }
                logKernel[b] = -0.5 * s;
                max = Math.max(max, logKernel[b]);
            }
            double sum = 0;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    sum += Math.exp(logKernel[b] - max);
                }
            }
            logDensity[a] = max + Math.log(sum); // constants are common to all points and cancel in the comparison
        }
        double[] logDraws = java.util.Arrays.copyOfRange(logDensity, 1, n);
        return fromDensities(logDensity[0], logDraws, rng);
    }
}
