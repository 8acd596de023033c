package dev.amortizer.task;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * θ ~ N(μ, Λ⁻¹), given by its mean μ and precision Λ:
 * log p(θ) = ½ log det Λ − (D/2) log 2π − ½ (θ − μ)ᵀ Λ (θ − μ), gradient −Λ(θ − μ).
 * Draws are θ = μ + L⁻ᵀ z with Λ = L Lᵀ and z ~ N(0, I).
 */
public final class MultivariateNormalPrior implements Prior {
    private final double[] mean;
    private final double[][] precision;
    /** Lower Cholesky factor of the precision. */
    private final double[][] lower;
    private final double logNormaliser;

    public MultivariateNormalPrior(double[] mean, double[][] precision) {
        int d = mean.length;
        if (precision.length != d) {
            throw new IllegalArgumentException("precision has " + precision.length + " rows, mean " + d + " entries");
        }
        for (int i = 0; i < d; i++) {
            if (precision[i].length != d) {
                throw new IllegalArgumentException("precision row " + i + " has " + precision[i].length
                        + " entries, expected " + d);
            }
        }
        RealMatrix p = new Array2DRowRealMatrix(precision, true);
        CholeskyDecomposition chol;
        try {
            chol = new CholeskyDecomposition(p, 1e-12, 1e-12);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("precision must be symmetric positive definite: " + e.getMessage(), e);
        }
        this.mean = mean.clone();
        this.precision = p.getData();
        this.lower = chol.getL().getData();
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += 2 * Math.log(lower[i][i]);
        }
        this.logNormaliser = 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI);
    }

    /** The covariance Λ⁻¹, computed. */
    public double[][] covariance() {
        return new CholeskyDecomposition(new Array2DRowRealMatrix(precision, false)).getSolver().getInverse().getData();
    }

    /** The precision Λ, copied. */
    public double[][] precision() {
        double[][] out = new double[precision.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = precision[i].clone();
        }
        return out;
    }

    @Override
    public int dim() {
        return mean.length;
    }

    @Override
    public double[] sample(Rng rng) {
        int d = mean.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        // Solve Lᵀ v = z by back substitution: v ~ N(0, (L Lᵀ)⁻¹).
        double[] theta = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < d; j++) {
                s -= lower[j][i] * theta[j];
            }
            theta[i] = s / lower[i][i];
        }
        for (int i = 0; i < d; i++) {
            theta[i] += mean[i];
        }
        return theta;
    }

    @Override
    public double logDensity(double[] theta) {
        return logDensityAndGradient(theta, new double[mean.length]);
    }

    @Override
    public double logDensityAndGradient(double[] theta, double[] grad) {
        int d = mean.length;
        double quad = 0;
        for (int i = 0; i < d; i++) {
            double g = 0;
            for (int j = 0; j < d; j++) {
                g -= precision[i][j] * (theta[j] - mean[j]);
            }
            grad[i] = g;
            quad -= (theta[i] - mean[i]) * g;
        }
        return logNormaliser - 0.5 * quad;
    }

    @Override
    public Support support() {
        return Support.unbounded(mean.length);
    }
}
