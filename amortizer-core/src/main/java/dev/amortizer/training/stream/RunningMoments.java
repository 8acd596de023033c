package dev.amortizer.training.stream;

/**
 * Column means and standard deviations (divisor n − 1) in one pass over rows that never sit in memory together
 * (Welford's update, stable where the sum of squares would cancel). As in the in-memory standardisation, a constant
 * or overflowing column gets sd 1.
 */
final class RunningMoments {
    private final double[] mean;
    private final double[] m2;
    private long n;

    RunningMoments(int dim) {
        mean = new double[dim];
        m2 = new double[dim];
    }

    /** Adds the row at {@code values[offset … offset + dim)}. */
    void add(double[] values, int offset) {
        n++;
        for (int j = 0; j < mean.length; j++) {
            double v = values[offset + j];
            double delta = v - mean[j];
            mean[j] += delta / n;
            m2[j] += delta * (v - mean[j]);
        }
    }

    long count() {
        return n;
    }

    double[] mean() {
        return mean.clone();
    }

    double[] sd() {
        double[] sd = new double[mean.length];
        for (int j = 0; j < sd.length; j++) {
            double s = n > 1 ? Math.sqrt(m2[j] / (n - 1)) : 0;
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return sd;
    }
}
