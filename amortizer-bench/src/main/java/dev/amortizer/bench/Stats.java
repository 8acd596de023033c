package dev.amortizer.bench;

import java.util.Arrays;

/** Small order statistics used by the analysis and the reports. */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** Linear-interpolation quantile (type 7, numpy's default); infinities sort last. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double h = (v.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, v.length - 1);
        if (v[lo] == v[hi]) {
            return v[lo];
        }
        return v[lo] + (h - lo) * (v[hi] - v[lo]);
    }
}
