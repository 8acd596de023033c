package dev.amortizer.bench.plan;

import dev.amortizer.bench.Stats;

/** 90% bootstrap intervals, with +∞ written as null (JSON has no infinity). */
final class Quantiles {
    private Quantiles() {
    }

    static Plan.Interval interval(double estimate, double[] replicates) {
        return new Plan.Interval(finite(estimate), finite(Stats.quantile(replicates, 0.05)),
                finite(Stats.quantile(replicates, 0.95)));
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
