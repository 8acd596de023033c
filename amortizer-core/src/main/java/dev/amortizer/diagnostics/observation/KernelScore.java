package dev.amortizer.diagnostics.observation;

import java.util.Arrays;

/**
 * The squared MMD between the point mass at x and the empirical distribution of n reference rows y_j, with Gaussian
 * kernels k_h(a, b) = exp(−‖a − b‖² / (2h²)) on whitened coordinates ({@link Whitening}):
 * MMD²_h = 1 − (2/n) Σ_j k_h(x, y_j) + (1/n²) Σ_{j,l} k_h(y_j, y_l), for several bandwidths h: the median distance
 * between reference rows (the median heuristic) and its half, quarter and eighth. With one point on one side, MMD²
 * is a decreasing function of the kernel density of x among the reference rows, so large values mean x lies where
 * simulations rarely do; the median bandwidth sees x far from the bulk, the narrower ones x in a hole between
 * simulations (off a crescent, between modes), so the test keeps all of them (as MMDAgg does).
 *
 * @see "Gretton, Borgwardt, Rasch, Schölkopf and Smola (2012), A kernel two-sample test, JMLR 13, 723–773"
 * @see "Schrab, Kim, Albert, Laurent, Guedj and Gretton (2023), MMD aggregated two-sample test, JMLR 24(194)"
 */
final class KernelScore {
    /** Bandwidths as multiples of the median distance between reference rows. */
    static final double[] FACTORS = {1, 0.5, 0.25, 0.125};

    private final Whitening whitening;
    private final double[][] reference;
    private final double[] inverseTwoH2 = new double[FACTORS.length];
    private final double[] referenceTerm = new double[FACTORS.length];
    private final double median;

    /** @param rows finite reference rows, at least 2, all of one length */
    KernelScore(double[][] rows) {
        int n = rows.length;
        whitening = new Whitening(rows);
        reference = new double[n][];
        for (int j = 0; j < n; j++) {
            reference[j] = whitening.apply(rows[j]);
        }
        double[] squared = new double[n * (n - 1) / 2];
        int p = 0;
        for (int j = 0; j < n; j++) {
            for (int l = j + 1; l < n; l++) {
                squared[p++] = squaredDistance(reference[j], reference[l]);
            }
        }
        double[] sorted = squared.clone();
        Arrays.sort(sorted);
        double m = Math.sqrt(sorted[sorted.length / 2]);
        // identical reference rows (a degenerate simulator) would give h = 0; any positive width then works
        median = m > 0 ? m : 1;
        for (int b = 0; b < FACTORS.length; b++) {
            double h = FACTORS[b] * median;
            inverseTwoH2[b] = 1 / (2 * h * h);
            double sum = n;
            for (double s : squared) {
                sum += 2 * Math.exp(-s * inverseTwoH2[b]);
            }
            referenceTerm[b] = sum / ((double) n * n);
        }
    }

    /** MMD² of the point mass at x against the reference rows, one per bandwidth of {@link #FACTORS}. */
    double[] mmdSquared(double[] x) {
        double[] z = whitening.apply(x);
        double[] sums = new double[FACTORS.length];
        for (double[] y : reference) {
            double s = squaredDistance(z, y);
            for (int b = 0; b < sums.length; b++) {
                sums[b] += Math.exp(-s * inverseTwoH2[b]);
            }
        }
        for (int b = 0; b < sums.length; b++) {
            sums[b] = 1 - 2 * sums[b] / reference.length + referenceTerm[b];
        }
        return sums;
    }

    /** The median distance between whitened reference rows: the widest bandwidth. */
    double medianDistance() {
        return median;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
