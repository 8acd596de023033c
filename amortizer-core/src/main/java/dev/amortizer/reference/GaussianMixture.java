package dev.amortizer.reference;

import dev.amortizer.random.Rng;

/**
 * A mixture of K full-covariance Gaussians on R^D: q(z) = Σ_k π_k N(z; μ_k, Σ_k), with Σ_k = L_k L_kᵀ (lower
 * Cholesky). Immutable; built by {@link GaussianMixtureEm}.
 */
public final class GaussianMixture {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private final double[] logWeights;
    private final double[][] means;
    private final double[][][] lower;
    private final double[] logNormalisers;

    GaussianMixture(double[] weights, double[][] means, double[][][] lower) {
        int k = weights.length;
        this.logWeights = new double[k];
        this.means = new double[k][];
        this.lower = new double[k][][];
        this.logNormalisers = new double[k];
        int d = means[0].length;
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0) || means[c].length != d) {
                throw new IllegalArgumentException("component " + c + ": weight " + weights[c] + ", mean length "
                        + means[c].length + " (expected a weight >= 0 and " + d + " values)");
            }
            logWeights[c] = Math.log(weights[c]);
            this.means[c] = means[c].clone();
            this.lower[c] = new double[d][];
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                this.lower[c][i] = lower[c][i].clone();
                if (!(lower[c][i][i] > 0)) {
                    throw new IllegalArgumentException("component " + c + ": Cholesky diagonal " + i + " is "
                            + lower[c][i][i] + ", expected > 0");
                }
                logDet += Math.log(lower[c][i][i]);
            }
            logNormalisers[c] = -0.5 * d * LOG_2PI - logDet;
        }
    }

    public int dim() {
        return means[0].length;
    }

    public int components() {
        return means.length;
    }

    /** log q(z). */
    public double logDensity(double[] z) {
        int d = z.length;
        double[] r = new double[d];
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[means.length];
        for (int c = 0; c < means.length; c++) {
            double[][] l = lower[c];
            double quad = 0;
            for (int i = 0; i < d; i++) {
                double s = z[i] - means[c][i];
                for (int j = 0; j < i; j++) {
                    s -= l[i][j] * r[j];
                }
                r[i] = s / l[i][i];
                quad += r[i] * r[i];
            }
            terms[c] = logWeights[c] + logNormalisers[c] - 0.5 * quad;
            max = Math.max(max, terms[c]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** One draw z ~ q. */
    public double[] sample(Rng rng) {
        double u = rng.nextDouble();
        int c = 0;
        double cumulative = Math.exp(logWeights[0]);
        while (u >= cumulative && c < means.length - 1) {
            c++;
            cumulative += Math.exp(logWeights[c]);
        }
        int d = dim();
        double[] e = new double[d];
        for (int i = 0; i < d; i++) {
            e[i] = rng.nextGaussian();
        }
        double[] z = means[c].clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                z[i] += lower[c][i][j] * e[j];
            }
        }
        return z;
    }
}
