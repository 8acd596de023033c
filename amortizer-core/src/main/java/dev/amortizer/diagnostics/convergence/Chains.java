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
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[] sorted = new double[total];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, sorted, c * n, n);
        }
        Arrays.sort(sorted);
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                double averageRank = (firstIndex(sorted, chains[c][i]) + lastIndex(sorted, chains[c][i])) / 2.0 + 1;
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

    /** The last index of {@code value} in ascending {@code sorted}, which holds it. */
    private static int lastIndex(double[] sorted, double value) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sorted[mid] > value) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /** |x − median| of every draw, the median taken over all chains pooled. */
    static double[][] fold(double[][] chains) {
        double median = quantile(chains, 0.5);
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
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        double position = p * (all.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, all.length - 1);
        return all[below] + (position - below) * (all[above] - all[below]);
    }

    /** Φ⁻¹(p) for p in (0, 1). */
    static double normalQuantile(double p) {
        return Math.sqrt(2) * org.apache.commons.math3.special.Erf.erfInv(2 * p - 1);
    }
}
