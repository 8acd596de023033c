package dev.amortizer.point;

import java.util.Arrays;

/**
 * A point estimator's answer for one observation: per parameter j, the posterior mean, and the quantiles at
 * {@link #levels()} (the median among them).
 */
public final class PointEstimate {
    private final double[] levels;
    private final double[] mean;
    private final double[][] quantiles;

    PointEstimate(double[] levels, double[] mean, double[][] quantiles) {
        this.levels = levels.clone();
        this.mean = mean.clone();
        this.quantiles = new double[quantiles.length][];
        for (int j = 0; j < quantiles.length; j++) {
            this.quantiles[j] = quantiles[j].clone();
        }
    }

    public int dim() {
        return mean.length;
    }

    public double[] levels() {
        return levels.clone();
    }

    /** The estimated posterior means, one per parameter. */
    public double[] mean() {
        return mean.clone();
    }

    /** The estimated posterior medians, one per parameter. */
    public double[] median() {
        return quantile(0.5);
    }

    /** The estimated τ-quantile of each parameter; τ must be one of {@link #levels()}. */
    public double[] quantile(double tau) {
        int k = Arrays.binarySearch(levels, tau);
        if (k < 0) {
            throw new IllegalArgumentException("no quantile at level " + tau + "; learned levels are "
                    + Arrays.toString(levels));
        }
        double[] out = new double[mean.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = quantiles[j][k];
        }
        return out;
    }

    /** The quantiles of parameter j at {@link #levels()}, non-decreasing. */
    public double[] quantilesOf(int j) {
        return quantiles[j].clone();
    }
}
