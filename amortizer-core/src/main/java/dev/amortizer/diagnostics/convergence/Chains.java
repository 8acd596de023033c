package dev.amortizer.diagnostics.convergence;

import java.util.Arrays;

/** Shared steps of the diagnostics: checking, splitting, pooling and rank-normalising draws of one scalar. */
final class Chains {
    private Chains() {
    }

    /** Checks m ≥ 1 chains of equal length n ≥ 4 of finite numbers; returns n. */
    static int check(double[][] chains) {
        if (chains == null || chains.length == 0) {
            throw new IllegalArgumentException("chains is empty, expected at least one chain");
        }
        int n = chains[0].length;
        for (int c = 0; c < chains.length; c++) {
            if (chains[c].length != n) {
                throw new IllegalArgumentException("chain " + c + " has " + chains[c].length + " draws, chain 0 has " + n
                        + "; expected chains of equal length");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(chains[c][i])) {
                    throw new IllegalArgumentException("chain " + c + " draw " + i + " is " + chains[c][i] + ", expected a finite number");
                }
            }
        }
        if (n < 4) {
            throw new IllegalArgumentException("chains have " + n + " draws each, expected at least 4");
        }
        return n;
    }

    /** Each chain cut into its first and last ⌊n/2⌋ draws (the middle draw dropped when n is odd): 2m chains. */
    static double[][] split(double[][] chains) {
        int half = chains[0].length / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            int n = chains[c].length;
            out[2 * c] = Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    /**
     * The normal scores of the pooled ranks: zᵢ = Φ⁻¹((rᵢ − 3/8)/(S + 1/4)), rᵢ the rank of draw i among all S draws
     * (ties get their average rank), in the chains' shape.
     */
    static double[][] rankNormalise(double[][] chains) {
        return rankNormalise(chains, pooledSorted(chains));
    }

    /** As {@link #rankNormalise(double[][])}, given all draws pooled and sorted ascending. */
    static double[][] rankNormalise(double[][] chains, double[] sorted) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                double value = chains[c][i];
                int first = firstIndex(sorted, value);
                int last = first;
                while (last + 1 < total && sorted[last + 1] == value) {
                    last++;
                }
                double averageRank = (first + last) / 2.0 + 1;
                out[c][i] = normalQuantile((averageRank - 0.375) / (total + 0.25));
            }
        }
        return out;
    }

    /** The first index of {@code value} in ascending {@code sorted}, which holds it. */
    private static int firstIndex(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** All draws pooled, sorted ascending. */
    static double[] pooledSorted(double[][] chains) {
        int n = chains[0].length;
        double[] sorted = new double[chains.length * n];
        for (int c = 0; c < chains.length; c++) {
            System.arraycopy(chains[c], 0, sorted, c * n, n);
        }
        Arrays.sort(sorted);
        return sorted;
    }

    /** |x − median| of every draw, the median taken over all chains pooled. */
    static double[][] fold(double[][] chains) {
        return fold(chains, quantile(chains, 0.5));
    }

    /** |x − median| of every draw. */
    static double[][] fold(double[][] chains, double median) {
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                out[c][i] = Math.abs(chains[c][i] - median);
            }
        }
        return out;
    }

    /** 1 where x ≤ q, 0 elsewhere. */
    static double[][] indicator(double[][] chains, double q) {
        double[][] out = new double[chains.length][];
        for (int c = 0; c < chains.length; c++) {
            out[c] = new double[chains[c].length];
            for (int i = 0; i < chains[c].length; i++) {
                out[c][i] = chains[c][i] <= q ? 1 : 0;
            }
        }
        return out;
    }

    /** The p-quantile of the pooled draws, by linear interpolation between order statistics. */
    static double quantile(double[][] chains, double p) {
        return quantile(pooledSorted(chains), p);
    }

    /** The p-quantile of ascending {@code all}. */
    static double quantile(double[] all, double p) {
        double position = p * (all.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, all.length - 1);
        return all[below] + (position - below) * (all[above] - all[below]);
    }

    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    private static final double LOW = 0.02425;

    /**
     * Φ⁻¹(p) for p in (0, 1) by Acklam's rational approximations (relative error below 1.2·10⁻⁹, ample for ranks):
     * a ratio of quintics in q = p − ½ in the centre, of polynomials in √(−2 log p) in the tails; no logarithm for
     * the 95 % of ranks in the centre, which makes rank normalisation several times faster than through erf⁻¹.
     */
    static double normalQuantile(double p) {
        if (p < LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        if (p > 1 - LOW) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
    }
}
