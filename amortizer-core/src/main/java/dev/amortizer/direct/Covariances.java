package dev.amortizer.direct;

import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Sample and weighted covariances of rows θ_i, as the Gaussian parts of the direct methods need them; Commons Math
 * has the sample one but no weighted cross-covariance.
 */
final class Covariances {
    private Covariances() {
    }

    /** The unbiased sample covariance Σ (θ_i − θ̄)(θ_i − θ̄)ᵀ / (n − 1), Commons Math's; zero when n < 2. */
    static double[][] sample(double[][] rows, int dim) {
        if (rows.length < 2) {
            return new double[dim][dim];
        }
        for (double[] row : rows) {
            if (row.length != dim) {
                throw new IllegalArgumentException("a row has " + row.length + " coordinates, expected " + dim);
            }
        }
        return new Covariance(rows, true).getCovarianceMatrix().getData();
    }

    /** Σ w_i (θ_i − θ̄_w)(θ_i − θ̄_w)ᵀ / Σ w_i with θ̄_w = Σ w_i θ_i / Σ w_i; weights ≥ 0, not all zero. */
    static double[][] weighted(double[][] rows, double[] weights, int dim) {
        double total = 0;
        double[] mean = new double[dim];
        for (int i = 0; i < rows.length; i++) {
            total += weights[i];
            for (int j = 0; j < dim; j++) {
                mean[j] += weights[i] * rows[i][j];
            }
        }
        double[][] cov = new double[dim][dim];
        if (!(total > 0)) {
            return cov;
        }
        for (int j = 0; j < dim; j++) {
            mean[j] /= total;
        }
        for (int i = 0; i < rows.length; i++) {
            for (int a = 0; a < dim; a++) {
                double da = weights[i] * (rows[i][a] - mean[a]);
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += da * (rows[i][b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b <= a; b++) {
                cov[a][b] /= total;
                cov[b][a] = cov[a][b];
            }
        }
        return cov;
    }

    /** Multiplies every entry of {@code matrix} by {@code factor}, in place. */
    static void scale(double[][] matrix, double factor) {
        for (double[] row : matrix) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }
}
