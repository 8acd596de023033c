package dev.amortizer.direct;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;

/**
 * How much posterior mass each chain stands for, so chains stuck in different modes can be pooled correctly.
 *
 * <p>Independent chains each sample π restricted to the region they explore; pooling them with equal weight gives
 * every mode a share proportional to its number of chains, not to its mass. Here the regions are the Voronoi cells
 * V_c of the chains' draws (a point belongs to the chain with the nearest draw, in coordinates scaled by the pooled
 * standard deviations), and the mass of each is estimated by importance sampling from the defensive mixture
 * q = (1/C) Σ_c t₅(m_c, S_c) of Student-t fits to the chains (m_c, S_c their mean and covariance):
 * Ẑ_c = (1/M) Σᵢ π(uᵢ)/q(uᵢ) · 1{uᵢ ∈ V_c}, uᵢ ~ q. Chains sharing a mode split its mass between them; a lone
 * chain in a mode gets all of it. Pooled draws then take chain c's draws in proportion to Ẑ_c.
 *
 * @see "Yao, Vehtari and Gelman (2022), Stacking for non-mixing Bayesian computations: the curse and blessing of
 *     multimodal posteriors, JMLR 23 (the problem; this estimator is a simpler importance-sampling answer to it)"
 */
final class ChainMassWeights {
    private static final int NU = 5;
    private static final int MAX_REFERENCE_DRAWS_PER_CHAIN = 400;

    private ChainMassWeights() {
    }

    /**
     * The normalised weights Ẑ_c / Σ Ẑ, one per chain.
     *
     * @param chainDraws draws[c][i] in unconstrained space, each chain with at least D + 2 draws
     * @param target     the log density in the same space; its evaluations are counted by it
     * @param proposals  M, draws from q
     */
    static double[] estimate(double[][][] chainDraws, UnconstrainedPosterior target, int proposals, Rng rng) {
        int chains = chainDraws.length;
        int dim = chainDraws[0][0].length;
        StudentT[] fits = new StudentT[chains];
        for (int c = 0; c < chains; c++) {
            fits[c] = StudentT.fit(chainDraws[c]);
        }
        double[] scale = pooledSd(chainDraws, dim);
        double[][][] reference = new double[chains][][];
        for (int c = 0; c < chains; c++) {
            int n = chainDraws[c].length;
            int keep = Math.min(n, MAX_REFERENCE_DRAWS_PER_CHAIN);
            reference[c] = new double[keep][];
            for (int i = 0; i < keep; i++) {
                reference[c][i] = chainDraws[c][(int) ((long) i * n / keep)];
            }
        }
        double[] logMass = new double[proposals];
        int[] owner = new int[proposals];
        double maxLog = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < proposals; i++) {
            double[] u = fits[rng.nextInt(chains)].sample(rng);
            double logQ = Double.NEGATIVE_INFINITY;
            for (StudentT fit : fits) {
                logQ = logAddExp(logQ, fit.logDensity(u));
            }
            logQ -= Math.log(chains);
            double logPi = target.logDensity(u);
            logMass[i] = Double.isNaN(logPi) ? Double.NEGATIVE_INFINITY : logPi - logQ;
            maxLog = Math.max(maxLog, logMass[i]);
            owner[i] = nearestChain(u, reference, scale);
        }
        double[] weights = new double[chains];
        if (maxLog == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(weights, 1.0 / chains);
            return weights;
        }
        double total = 0;
        for (int i = 0; i < proposals; i++) {
            double w = Math.exp(logMass[i] - maxLog);
            weights[owner[i]] += w;
            total += w;
        }
        for (int c = 0; c < chains; c++) {
            weights[c] /= total;
        }
        return weights;
    }

    private static int nearestChain(double[] u, double[][][] reference, double[] scale) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < reference.length; c++) {
            for (double[] r : reference[c]) {
                double d = 0;
                for (int j = 0; j < u.length && d < bestDistance; j++) {
                    double z = (u[j] - r[j]) / scale[j];
                    d += z * z;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
        }
        return best;
    }

    private static double[] pooledSd(double[][][] chainDraws, int dim) {
        double[] sum = new double[dim];
        double[] squares = new double[dim];
        long n = 0;
        for (double[][] chain : chainDraws) {
            for (double[] row : chain) {
                for (int j = 0; j < dim; j++) {
                    sum[j] += row[j];
                    squares[j] += row[j] * row[j];
                }
                n++;
            }
        }
        double[] sd = new double[dim];
        for (int j = 0; j < dim; j++) {
            double mean = sum[j] / n;
            sd[j] = Math.sqrt(Math.max(squares[j] / n - mean * mean, 1e-24));
        }
        return sd;
    }

    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        return max == Double.NEGATIVE_INFINITY ? max : max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /** A multivariate Student t with ν = 5, location m and scale matrix S = L Lᵀ. */
    private record StudentT(double[] mean, double[][] lower, double[][] lowerInverse, double logNormaliser) {
        static StudentT fit(double[][] draws) {
            int dim = draws[0].length;
            double[][] covariance = Covariances.sample(draws, dim);
            double[] mean = new double[dim];
            for (double[] row : draws) {
                for (int j = 0; j < dim; j++) {
                    mean[j] += row[j] / draws.length;
                }
            }
            double trace = 0;
            for (int j = 0; j < dim; j++) {
                trace += covariance[j][j];
            }
            RealMatrix l = null;
            for (double jitter = 1e-10; l == null; jitter *= 10) {
                double[][] s = new double[dim][];
                for (int j = 0; j < dim; j++) {
                    s[j] = covariance[j].clone();
                    s[j][j] += jitter * Math.max(trace / dim, 1e-12);
                }
                try {
                    l = new CholeskyDecomposition(new Array2DRowRealMatrix(s, false), 1e-12, 1e-14).getL();
                } catch (NonPositiveDefiniteMatrixException | org.apache.commons.math3.linear.NonSymmetricMatrixException e) {
                    l = null;
                }
            }
            RealMatrix inverse = new org.apache.commons.math3.linear.LUDecomposition(l).getSolver().getInverse();
            double logDet = 0;
            for (int j = 0; j < dim; j++) {
                logDet += 2 * Math.log(l.getEntry(j, j));
            }
            double logNormaliser = Gamma.logGamma((NU + dim) / 2.0) - Gamma.logGamma(NU / 2.0)
                    - dim / 2.0 * Math.log(NU * Math.PI) - 0.5 * logDet;
            return new StudentT(mean, l.getData(), inverse.getData(), logNormaliser);
        }

        double[] sample(Rng rng) {
            int dim = mean.length;
            double chiSquare = 0;
            for (int k = 0; k < NU; k++) {
                double g = rng.nextGaussian();
                chiSquare += g * g;
            }
            double factor = Math.sqrt(NU / chiSquare);
            double[] z = new double[dim];
            for (int j = 0; j < dim; j++) {
                z[j] = rng.nextGaussian();
            }
            double[] out = mean.clone();
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j <= i; j++) {
                    out[i] += factor * lower[i][j] * z[j];
                }
            }
            return out;
        }

        double logDensity(double[] u) {
            int dim = mean.length;
            double mahalanobis = 0;
            for (int i = 0; i < dim; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += lowerInverse[i][j] * (u[j] - mean[j]);
                }
                mahalanobis += s * s;
            }
            return logNormaliser - (NU + dim) / 2.0 * Math.log1p(mahalanobis / NU);
        }
    }
}
