package dev.amortizer.training.stream;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Column means and standard deviations (divisor n − 1) in one pass over rows that never sit in memory together
 * (Commons Math's storeless moments, updated row by row). As in the in-memory standardisation, a constant or
 * overflowing column gets sd 1.
 */
final class RunningMoments {
    private final Mean[] mean;
    private final Variance[] variance;
    private long n;

    RunningMoments(int dim) {
        mean = new Mean[dim];
        variance = new Variance[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = new Mean();
            variance[j] = new Variance();
        }
    }

    /** Adds the row at {@code values[offset … offset + dim)}. */
    void add(double[] values, int offset) {
        n++;
        for (int j = 0; j < mean.length; j++) {
            mean[j].increment(values[offset + j]);
            variance[j].increment(values[offset + j]);
        }
    }

    long count() {
        return n;
    }

    double[] mean() {
        double[] m = new double[mean.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = n > 0 ? mean[j].getResult() : 0;
        }
        return m;
    }

    double[] sd() {
        double[] sd = new double[mean.length];
        for (int j = 0; j < sd.length; j++) {
            double s = n > 1 ? Math.sqrt(variance[j].getResult()) : 0;
            sd[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return sd;
    }
}
