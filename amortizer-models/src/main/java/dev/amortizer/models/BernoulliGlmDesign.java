package dev.amortizer.models;

import dev.amortizer.task.DataSupport;
import dev.amortizer.task.MultivariateNormalPrior;

/**
 * The fixed parts of sbibm's Bernoulli GLM, regenerated rather than read: the stimulus I_t, t = 0..99, is
 * {@code numpy.random.RandomState(42).randn(100)} cast to float32 ({@link NumpyLegacyRandom}); the design matrix has
 * X[t, 0] = 1 and X[t, 1 + j] = I_{t−j} for t ≥ j, else 0 (j = 0..8); the prior is N(0, B⁻¹) with B block diagonal,
 * B₀₀ = 0.5 and filter block FᵀF, F = D² + diag(√(i/9)), i = 0..8, D the 9×9 first-difference matrix (1 on the
 * diagonal, −1 below it).
 */
final class BernoulliGlmDesign {
    static final int STEPS = 100;
    static final int DIM = 10;
    static final int TAPS = 9;
    private static final double[] STIMULUS = stimulus();
    private static final double[][] DESIGN = design(STIMULUS);

    private BernoulliGlmDesign() {
    }

    /** The stimulus I_0..I_99, copied. */
    static double[] stimulus() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(42);
        double[] s = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            s[t] = (float) r.nextGaussian();
        }
        return s;
    }

    /** The 100×10 design matrix X, shared (read only). */
    static double[][] matrix() {
        return DESIGN;
    }

    private static double[][] design(double[] stimulus) {
        double[][] x = new double[STEPS][DIM];
        for (int t = 0; t < STEPS; t++) {
            x[t][0] = 1;
            for (int j = 0; j < TAPS; j++) {
                x[t][1 + j] = t >= j ? stimulus[t - j] : 0;
            }
        }
        return x;
    }

    /** The prior precision B. */
    static double[][] priorPrecision() {
        double[][] d = new double[TAPS][TAPS];
        for (int i = 0; i < TAPS; i++) {
            d[i][i] = 1;
            if (i > 0) {
                d[i][i - 1] = -1;
            }
        }
        double[][] f = new double[TAPS][TAPS];
        for (int i = 0; i < TAPS; i++) {
            for (int j = 0; j < TAPS; j++) {
                for (int k = 0; k < TAPS; k++) {
                    f[i][j] += d[i][k] * d[k][j];
                }
            }
            f[i][i] += Math.sqrt((double) i / TAPS);
        }
        double[][] b = new double[DIM][DIM];
        b[0][0] = 0.5;
        for (int i = 0; i < TAPS; i++) {
            for (int j = 0; j < TAPS; j++) {
                double s = 0;
                for (int k = 0; k < TAPS; k++) {
                    s += f[k][i] * f[k][j];
                }
                b[1 + i][1 + j] = s;
            }
        }
        return b;
    }

    static MultivariateNormalPrior prior() {
        return new MultivariateNormalPrior(new double[DIM], priorPrecision());
    }

    /** ψ = Xθ. */
    static double[] linearPredictor(double[] theta) {
        double[] psi = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            double s = 0;
            for (int j = 0; j < DIM; j++) {
                s += DESIGN[t][j] * theta[j];
            }
            psi[t] = s;
        }
        return psi;
    }

    /** The sufficient statistic Xᵀy of a raw 0/1 series. */
    static double[] summary(double[] y) {
        double[] s = new double[DIM];
        for (int t = 0; t < STEPS; t++) {
            if (y[t] != 0) {
                for (int j = 0; j < DIM; j++) {
                    s[j] += DESIGN[t][j] * y[t];
                }
            }
        }
        return s;
    }

    /**
     * log p(y | θ) = Σ_t [y_t ψ_t − log(1 + e^{ψ_t})] = θ·(Xᵀy) − Σ_t log(1 + e^{ψ_t}), from the summary s = Xᵀy;
     * the gradient is s − Xᵀσ(ψ).
     */
    static double logLikelihoodAndGradient(double[] theta, double[] summary, double[] grad) {
        double[] psi = linearPredictor(theta);
        double s = 0;
        for (int j = 0; j < DIM; j++) {
            s += theta[j] * summary[j];
            grad[j] = summary[j];
        }
        for (int t = 0; t < STEPS; t++) {
            double p = psi[t];
            s -= p > 0 ? p + Math.log1p(Math.exp(-p)) : Math.log1p(Math.exp(p));
            double sigma = 1 / (1 + Math.exp(-p));
            for (int j = 0; j < DIM; j++) {
                grad[j] -= DESIGN[t][j] * sigma;
            }
        }
        return s;
    }

    /** y_t = 1[U_t &lt; σ(ψ_t)], t = 0..99. */
    static double[] simulateRaw(double[] theta, dev.amortizer.random.Rng rng) {
        double[] psi = linearPredictor(theta);
        double[] y = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            y[t] = rng.nextDouble() < 1 / (1 + Math.exp(-psi[t])) ? 1 : 0;
        }
        return y;
    }

    /**
     * The support of the summary x = Xᵀy over y ∈ {0, 1}¹⁰⁰: the count x₁ a whole number in [0, 100], each lag sum
     * between the sum of its column's negative entries and the sum of its positive ones (widened by 1e-3 for
     * sbibm's float32 observations).
     */
    static DataSupport summarySupport() {
        DataSupport support = DataSupport.counts(DIM, STEPS);
        for (int j = 1; j < DIM; j++) {
            double lo = 0;
            double hi = 0;
            for (int t = 0; t < STEPS; t++) {
                lo += Math.min(0, DESIGN[t][j]);
                hi += Math.max(0, DESIGN[t][j]);
            }
            support = support.with(j, lo - 1e-3, hi + 1e-3, false);
        }
        return support;
    }
}
