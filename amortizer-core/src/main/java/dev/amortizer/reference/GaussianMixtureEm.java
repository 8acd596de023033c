package dev.amortizer.reference;

import dev.amortizer.random.Rng;

/**
 * Fits a {@link GaussianMixture} to weighted points by expectation-maximisation.
 *
 * <p>E-step: r_ic ∝ π_c N(z_i; μ_c, Σ_c). M-step with point weights w_i: n_c = Σ_i w_i r_ic, π_c = n_c / Σ n,
 * μ_c = Σ_i w_i r_ic z_i / n_c, Σ_c = Σ_i w_i r_ic (z_i − μ_c)(z_i − μ_c)ᵀ / n_c + εΣ_all, where Σ_all is the
 * weighted covariance of all points and ε = 10⁻⁴ keeps each Σ_c positive definite. Means start at k-means++ picks
 * (weighted), covariances at Σ_all. A component whose share falls below 10⁻⁶ is dropped.
 */
public final class GaussianMixtureEm {
    private static final double RIDGE = 1e-4;
    private static final int ITERATIONS = 100;

    private GaussianMixtureEm() {
    }

    /** The fit of {@code components} Gaussians to {@code points} with weights {@code weights} (any scale, ≥ 0). */
    public static GaussianMixture fit(double[][] points, double[] weights, int components, Rng rng) {
        int n = points.length;
        if (n == 0 || weights.length != n) {
            throw new IllegalArgumentException("need one weight per point and at least one point, got " + n
                    + " points and " + weights.length + " weights");
        }
        if (components < 1) {
            throw new IllegalArgumentException("components must be >= 1, got " + components);
        }
        int d = points[0].length;
        double[] w = normalise(weights);
        double[] globalMean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                globalMean[a] += w[i] * points[i][a];
            }
        }
        double[][] globalCov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    globalCov[a][b] += w[i] * (points[i][a] - globalMean[a]) * (points[i][b] - globalMean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            globalCov[a][a] = Math.max(globalCov[a][a], 1e-12);
            for (int b = 0; b < a; b++) {
                globalCov[b][a] = globalCov[a][b];
            }
        }
        int k = components;
        double[][] means = seeds(points, w, k, rng);
        double[][][] covs = new double[k][][];
        double[] pi = new double[k];
        for (int c = 0; c < k; c++) {
            covs[c] = copy(globalCov);
            pi[c] = 1.0 / k;
        }
        double[][] resp = new double[n][k];
        double previous = Double.NEGATIVE_INFINITY;
        for (int iter = 0; iter < ITERATIONS; iter++) {
            double[][][] factors = new double[k][][];
            for (int c = 0; c < k; c++) {
                factors[c] = Gaussians.cholesky(covs[c]);
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += w[i] * responsibilities(pi, means, factors, points[i], resp[i]);
            }
            for (int c = 0; c < k; c++) {
                double nc = 0;
                double[] mean = new double[d];
                for (int i = 0; i < n; i++) {
                    double wr = w[i] * resp[i][c];
                    nc += wr;
                    for (int a = 0; a < d; a++) {
                        mean[a] += wr * points[i][a];
                    }
                }
                pi[c] = nc;
                if (nc < 1e-6) {
                    continue;
                }
                for (int a = 0; a < d; a++) {
                    mean[a] /= nc;
                }
                double[][] cov = new double[d][d];
                for (int i = 0; i < n; i++) {
                    double wr = w[i] * resp[i][c] / nc;
                    if (wr == 0) {
                        continue;
                    }
                    for (int a = 0; a < d; a++) {
                        double da = points[i][a] - mean[a];
                        for (int b = 0; b <= a; b++) {
                            cov[a][b] += wr * da * (points[i][b] - mean[b]);
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        cov[a][b] += RIDGE * globalCov[a][b];
                        cov[b][a] = cov[a][b];
                    }
                }
                means[c] = mean;
                covs[c] = cov;
            }
            if (Math.abs(total - previous) < 1e-7 * Math.max(1, Math.abs(total))) {
                break;
            }
            previous = total;
        }
        return build(pi, means, covs);
    }

    private static double responsibilities(double[] pi, double[][] means, double[][][] factors, double[] z,
            double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < pi.length; c++) {
            out[c] = pi[c] < 1e-6 ? Double.NEGATIVE_INFINITY
                    : Math.log(pi[c]) + Gaussians.logDensity(z, means[c], factors[c]);
            max = Math.max(max, out[c]);
        }
        double sum = 0;
        for (int c = 0; c < pi.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < pi.length; c++) {
            out[c] /= sum;
        }
        return max + Math.log(sum);
    }

    private static GaussianMixture build(double[] pi, double[][] means, double[][][] covs) {
        int kept = 0;
        double total = 0;
        for (double p : pi) {
            if (p >= 1e-6) {
                kept++;
                total += p;
            }
        }
        double[] weights = new double[kept];
        double[][] m = new double[kept][];
        double[][][] l = new double[kept][][];
        int j = 0;
        for (int c = 0; c < pi.length; c++) {
            if (pi[c] >= 1e-6) {
                weights[j] = pi[c] / total;
                m[j] = means[c];
                l[j] = Gaussians.cholesky(covs[c]);
                j++;
            }
        }
        return new GaussianMixture(weights, m, l);
    }

    /** k-means++ seeding: the first centre by weight, each next one with probability ∝ w·(squared distance). */
    private static double[][] seeds(double[][] points, double[] w, int k, Rng rng) {
        int n = points.length;
        double[][] centres = new double[k][];
        double[] dist = new double[n];
        java.util.Arrays.fill(dist, 1.0);
        for (int c = 0; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += w[i] * dist[i];
            }
            int pick = n - 1;
            if (total > 0) {
                double u = rng.nextDouble() * total;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += w[i] * dist[i];
                    if (u < acc) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rng.nextInt(n);
            }
            centres[c] = points[pick].clone();
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = 0; a < centres[c].length; a++) {
                    double dd = points[i][a] - centres[c][a];
                    s += dd * dd;
                }
                dist[i] = c == 0 ? s : Math.min(dist[i], s);
            }
        }
        return centres;
    }

    private static double[] normalise(double[] weights) {
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i] + ", expected a finite value >= 0");
            }
            sum += weights[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the weights sum to " + sum + ", expected > 0");
        }
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i] / sum;
        }
        return w;
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
