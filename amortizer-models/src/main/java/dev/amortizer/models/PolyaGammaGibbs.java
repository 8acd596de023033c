package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import java.util.List;

/**
 * The Bernoulli GLM posterior by Pólya-Gamma data augmentation (Polson, Scott &amp; Windle 2013), as sbibm makes its
 * reference: with ψ = Xθ, repeat { ω_t ~ PG(1, ψ_t); V = (Xᵀ diag(ω) X + B)⁻¹; m = V Xᵀ(y − ½·1); θ ~ N(m, V) }.
 * Only Xᵀy enters, so the sampler takes the 10 summaries. It starts at θ = 0, discards 25,000 warm-up iterations
 * and keeps every 25th iteration after them.
 */
final class PolyaGammaGibbs implements Posterior {
    static final int WARM_UP = 25_000;
    static final int THIN = 25;
    private static final int D = BernoulliGlmDesign.DIM;

    private final List<String> names;
    private final int warmUp;
    private final int thin;

    PolyaGammaGibbs(List<String> names, int warmUp, int thin) {
        if (warmUp < 0 || thin < 1) {
            throw new IllegalArgumentException("need warmUp >= 0 and thin >= 1, got " + warmUp + ", " + thin);
        }
        this.names = names;
        this.warmUp = warmUp;
        this.thin = thin;
    }

    @Override
    public int parameterDim() {
        return D;
    }

    /** {@code summary} is Xᵀy, the 10 statistics of bernoulli_glm. */
    @Override
    public Samples sample(double[] summary, int n, Rng rng) {
        if (summary.length != D) {
            throw new IllegalArgumentException("the Pólya-Gamma sampler takes the " + D + " summaries Xᵀy, got "
                    + summary.length + " values");
        }
        double[][] x = BernoulliGlmDesign.matrix();
        double[][] b = BernoulliGlmDesign.priorPrecision();
        double[] kappa = summary.clone();
        for (double[] row : x) {
            for (int j = 0; j < D; j++) {
                kappa[j] -= 0.5 * row[j];
            }
        }
        double[] theta = new double[D];
        double[][] rows = new double[n][];
        double[][] precision = new double[D][D];
        double[][] l = new double[D][D];
        double[] tmp = new double[D];
        long total = (long) warmUp + (long) thin * n;
        int kept = 0;
        for (long iter = 1; iter <= total; iter++) {
            double[] psi = BernoulliGlmDesign.linearPredictor(theta);
            for (int i = 0; i < D; i++) {
                System.arraycopy(b[i], 0, precision[i], 0, D);
            }
            for (int t = 0; t < psi.length; t++) {
                double w = PolyaGamma.sample(psi[t], rng);
                double[] row = x[t];
                for (int i = 0; i < D; i++) {
                    double wi = w * row[i];
                    for (int j = 0; j <= i; j++) {
                        precision[i][j] += wi * row[j];
                    }
                }
            }
            cholesky(precision, l);
            // m = P⁻¹ κ: solve L u = κ, then Lᵀ m = u; add Lᵀ⁻¹ ε for the draw: Lᵀ θ = u + ε.
            for (int i = 0; i < D; i++) {
                double s = kappa[i];
                for (int j = 0; j < i; j++) {
                    s -= l[i][j] * tmp[j];
                }
                tmp[i] = s / l[i][i];
            }
            for (int i = 0; i < D; i++) {
                tmp[i] += rng.nextGaussian();
            }
            for (int i = D - 1; i >= 0; i--) {
                double s = tmp[i];
                for (int j = i + 1; j < D; j++) {
                    s -= l[j][i] * theta[j];
                }
                theta[i] = s / l[i][i];
            }
            if (iter > warmUp && (iter - warmUp) % thin == 0) {
                rows[kept++] = theta.clone();
            }
        }
        return Samples.of(names, rows);
    }

    /** Lower Cholesky factor of the symmetric positive-definite matrix whose lower triangle is {@code a}. */
    private static void cholesky(double[][] a, double[][] l) {
        for (int i = 0; i < D; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("posterior precision lost positive definiteness at row " + i);
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
    }
}
