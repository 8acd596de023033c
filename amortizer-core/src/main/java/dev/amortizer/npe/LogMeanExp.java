package dev.amortizer.npe;

/** The log density of an equal-weight mixture from its components' log densities, without overflow. */
final class LogMeanExp {
    private LogMeanExp() {
    }

    /** log((1/n) Σ exp(v_i)); −∞ where every v_i is −∞, NaN where any is NaN. */
    static double of(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double a : v) {
            max = Math.max(max, a);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return max;
        }
        double sum = 0;
        for (double a : v) {
            sum += Math.exp(a - max);
        }
        return max + Math.log(sum) - Math.log(v.length);
    }
}
