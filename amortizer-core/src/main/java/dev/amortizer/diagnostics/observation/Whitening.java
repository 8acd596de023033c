package dev.amortizer.diagnostics.observation;

/**
 * z = L⁻¹ (x − μ), with μ and Σ = L Lᵀ the mean and covariance of reference rows, so the rows have identity
 * covariance: a coordinate that moves against the others it is correlated with (a time series' step) stands out as
 * much as one that leaves its own range. A covariance that is singular or nearly so (constant or collinear
 * coordinates) gets a ridge of 10⁻⁶ of its mean variance, so those directions count in standard deviations too.
 */
final class Whitening {
    private static final double RIDGE = 1e-6;

    private final double[] mean;
    /** Row-major lower-triangular Cholesky factor of the covariance. */
    private final double[][] lower;

    Whitening(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        mean = new double[d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                mean[i] += r[i] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double a = r[i] - mean[i];
                for (int k = 0; k <= i; k++) {
                    cov[i][k] += a * (r[k] - mean[k]) / (n - 1);
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += cov[i][i];
        }
        double ridge = RIDGE * (trace > 0 ? trace / d : 1);
        for (int i = 0; i < d; i++) {
            cov[i][i] += ridge;
        }
        lower = cholesky(cov);
    }

    double[] apply(double[] x) {
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = x[i] - mean[i];
            for (int k = 0; k < i; k++) {
                s -= lower[i][k] * z[k];
            }
            z[i] = s / lower[i][i];
        }
        return z;
    }

    /** The Cholesky factor of a symmetric positive-definite matrix given by its lower triangle. */
    private static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][];
        for (int i = 0; i < d; i++) {
            l[i] = new double[i + 1];
            for (int k = 0; k <= i; k++) {
                double s = a[i][k];
                for (int j = 0; j < k; j++) {
                    s -= l[i][j] * l[k][j];
                }
                if (k == i) {
                    // the ridge keeps s positive up to rounding; a failure here is a covariance of NaNs
                    l[i][i] = Math.sqrt(Math.max(s, Double.MIN_NORMAL));
                } else {
                    l[i][k] = s / l[k][k];
                }
            }
        }
        return l;
    }
}
