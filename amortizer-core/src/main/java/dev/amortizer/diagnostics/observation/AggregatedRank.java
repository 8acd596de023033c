package dev.amortizer.diagnostics.observation;

import java.util.Arrays;

/**
 * A conformal p-value for a vector of statistics (larger = more atypical), from m calibration vectors drawn as x is
 * under the null. Each statistic b gives x the rank p_b = (1 + #{j : s_b(c_j) ≥ s_b(x)}) / (m + 1); the combined
 * statistic is T = min_b p_b. Computed for every member of the augmented set {c_1 … c_m, x} the same way, the T
 * values are exchangeable under the null, so p = (1 + #{j : T(c_j) ≤ T(x)}) / (m + 1) satisfies P(p ≤ α) ≤ α
 * however the statistics depend on each other. Each calibration rank depends on x only through one comparison,
 * added per query; the rest is counted once.
 */
final class AggregatedRank {
    /** Calibration statistics, per statistic, sorted ascending. */
    private final double[][] sorted;
    /** Calibration statistics, per statistic, in calibration order. */
    private final double[][] values;
    /** #{i ≠ j : s_b(c_i) ≥ s_b(c_j)} for each statistic b and calibration row j. */
    private final int[][] atOrAbove;

    /** @param statistics statistics[j][b]: statistic b of calibration row j */
    AggregatedRank(double[][] statistics) {
        int m = statistics.length;
        int k = statistics[0].length;
        sorted = new double[k][m];
        values = new double[k][m];
        atOrAbove = new int[k][m];
        for (int b = 0; b < k; b++) {
            for (int j = 0; j < m; j++) {
                values[b][j] = statistics[j][b];
            }
            sorted[b] = values[b].clone();
            Arrays.sort(sorted[b]);
            for (int j = 0; j < m; j++) {
                atOrAbove[b][j] = countAtOrAbove(sorted[b], values[b][j]) - 1;
            }
        }
    }

    /** The conformal p-value of the statistics s of x. */
    double pValue(double[] s) {
        int m = values[0].length;
        double tx = 1;
        for (int b = 0; b < s.length; b++) {
            tx = Math.min(tx, (1.0 + countAtOrAbove(sorted[b], s[b])) / (m + 1));
        }
        int asExtreme = 0;
        for (int j = 0; j < m; j++) {
            double tj = 1;
            for (int b = 0; b < s.length; b++) {
                int count = 1 + atOrAbove[b][j] + (s[b] >= values[b][j] ? 1 : 0);
                tj = Math.min(tj, count / (m + 1.0));
            }
            if (tj <= tx) {
                asExtreme++;
            }
        }
        return (1.0 + asExtreme) / (m + 1);
    }

    /** #{v in ascending a : v ≥ s}. */
    private static int countAtOrAbove(double[] a, double s) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < s) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return a.length - lo;
    }
}
