package dev.amortizer.diagnostics.calibration;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Tests that ranks or probability-integral transforms are uniform, as they are under exact calibration.
 *
 * <p>Ranks r ∈ {0, ..., L} of a true value among L posterior draws are discrete uniform when the posterior is
 * exact (the true value and the draws are exchangeable). {@link #chiSquare} bins them into B contiguous bins with
 * exact expected counts N·|bin|/(L+1) and returns the p-value of Pearson's X² = Σ (O_b − E_b)²/E_b on B − 1 degrees
 * of freedom. {@link #ks} is the Kolmogorov–Smirnov p-value of continuous values against U(0, 1); the callers feed
 * it randomised fractions (k + u)/(L+1), u ~ U(0, 1), which are exactly continuous uniform under calibration.
 */
public final class UniformityTests {
    private UniformityTests() {
    }

    /** The number of bins for N ranks of L draws: at most 20, at most L + 1, and about 10 expected per bin. */
    public static int bins(int n, int draws) {
        return Math.max(2, Math.min(20, Math.min(draws + 1, n / 10)));
    }

    /** Pearson's X² p-value of ranks in 0..draws against the discrete uniform, over {@code bins} bins. */
    public static double chiSquare(int[] ranks, int draws, int bins) {
        if (bins < 2 || bins > draws + 1) {
            throw new IllegalArgumentException("bins must be in 2.." + (draws + 1) + ", got " + bins);
        }
        long[] observed = new long[bins];
        for (int r : ranks) {
            if (r < 0 || r > draws) {
                throw new IllegalArgumentException("rank " + r + " is outside 0.." + draws);
            }
            observed[bin(r, draws, bins)]++;
        }
        double x2 = 0;
        for (int b = 0; b < bins; b++) {
            // bin b = floor(r·B/(L+1)) holds ranks ceil(b(L+1)/B) .. ceil((b+1)(L+1)/B) − 1
            long width = ceilDiv((long) (b + 1) * (draws + 1), bins) - ceilDiv((long) b * (draws + 1), bins);
            double expected = ranks.length * (double) width / (draws + 1);
            double d = observed[b] - expected;
            x2 += d * d / expected;
        }
        return Math.max(0, 1 - new ChiSquaredDistribution(bins - 1).cumulativeProbability(x2));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    static int bin(int rank, int draws, int bins) {
        return (int) ((long) rank * bins / (draws + 1));
    }

    /** The Kolmogorov–Smirnov p-value of {@code values} (in [0, 1]) against U(0, 1). */
    public static double ks(double[] values) {
        return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), values, false);
    }

    /**
     * The half-width ε of the simultaneous 1 − α band of the rank ECDF difference: under exact calibration the
     * difference F_N(k) − (k+1)/(L+1), k = 0..L, stays within ±ε for all k at once with probability 1 − α. Found
     * by simulation: {@code replicates} seeded sets of N discrete-uniform ranks, ε = their (1 − α) quantile of
     * max_k |difference|.
     */
    public static double ecdfBand(int n, int draws, double alpha, int replicates, Rng rng) {
        if (!(alpha > 0 && alpha < 1) || replicates < 1) {
            throw new IllegalArgumentException("need 0 < alpha < 1 and replicates >= 1, got " + alpha + ", "
                    + replicates);
        }
        double[] max = new double[replicates];
        int[] ranks = new int[n];
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n; i++) {
                ranks[i] = rng.nextInt(draws + 1);
            }
            max[b] = maxEcdfDeviation(ranks, draws);
        }
        Arrays.sort(max);
        return max[Math.min(replicates - 1, (int) Math.ceil((1 - alpha) * replicates) - 1)];
    }

    /** F_N(k) − (k+1)/(L+1) for k = 0..L: the ECDF of the ranks minus the uniform CDF. */
    public static double[] ecdfDifference(int[] ranks, int draws) {
        int[] counts = new int[draws + 1];
        for (int r : ranks) {
            counts[r]++;
        }
        double[] diff = new double[draws + 1];
        long cumulative = 0;
        for (int k = 0; k <= draws; k++) {
            cumulative += counts[k];
            diff[k] = cumulative / (double) ranks.length - (k + 1.0) / (draws + 1);
        }
        return diff;
    }

    static double maxEcdfDeviation(int[] ranks, int draws) {
        double max = 0;
        for (double d : ecdfDifference(ranks, draws)) {
            max = Math.max(max, Math.abs(d));
        }
        return max;
    }
}
