package dev.amortizer.direct.mcmc;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

/**
 * A lower-triangular L with L Lᵀ = Σ: the square root that turns z ~ N(0, I) into L z ~ N(0, Σ).
 *
 * <p>A covariance that is positive semi-definite but singular (for example estimated from fewer
 * points than dimensions) gets the smallest jitter ε·mean(diag Σ)·I, ε ∈ {10⁻¹², 10⁻¹⁰, …, 10⁻²},
 * that makes it positive definite; the zero matrix gives L = 0, a point mass. Immutable.
 *
 * <p>{@code double[] proposal = CholeskyFactor.of(covariance).perturb(position, rng);}
 */
public final class CholeskyFactor {
    private static final double FIRST_JITTER = 1e-12;
    private static final double JITTER_GROWTH = 100;
    private static final double LAST_JITTER = 1e-2;
    private static final double SYMMETRY_TOLERANCE = 1e-9;

    private final double[][] lower;

    private CholeskyFactor(double[][] lower) {
        this.lower = lower;
    }

    /** The factor of a symmetric positive semi-definite {@code covariance}, jittered where singular. */
    public static CholeskyFactor of(double[][] covariance) {
        double meanDiagonal = checkCovariance(covariance);
        int d = covariance.length;
        if (meanDiagonal == 0) {
            return new CholeskyFactor(new double[d][d]);
        }
        double[][] lower = decompose(covariance, 0);
        for (double jitter = FIRST_JITTER; lower == null && jitter <= LAST_JITTER; jitter *= JITTER_GROWTH) {
            lower = decompose(covariance, jitter * meanDiagonal);
        }
        if (lower == null) {
            throw new IllegalArgumentException("covariance is not positive semi-definite: no jitter up to "
                    + LAST_JITTER + " x mean diagonal makes it positive definite");
        }
        return new CholeskyFactor(lower);
    }

    /** diag(sd)², an axis-aligned Gaussian. */
    public static CholeskyFactor diagonal(double[] sd) {
        double[][] lower = new double[sd.length][sd.length];
        for (int i = 0; i < sd.length; i++) {
            if (!(sd[i] >= 0 && sd[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sd[" + i + "] is " + sd[i] + ", expected a finite number >= 0");
            }
            lower[i][i] = sd[i];
        }
        return new CholeskyFactor(lower);
    }

    /** D, the dimension. */
    public int dim() {
        return lower.length;
    }

    /** {@code center + L z} with z ~ N(0, I) drawn from {@code rng}, D normals in coordinate order. */
    public double[] perturb(double[] center, Rng rng) {
        if (center.length != lower.length) {
            throw new IllegalArgumentException("center has " + center.length + " coordinates, the factor " + lower.length);
        }
        int d = lower.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] out = center.clone();
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j <= i; j++) {
                s += lower[i][j] * z[j];
            }
            out[i] += s;
        }
        return out;
    }

    /** Σ = L Lᵀ (after any jitter). */
    public double[][] covariance() {
        int d = lower.length;
        double[][] sigma = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += lower[i][k] * lower[j][k];
                }
                sigma[i][j] = s;
                sigma[j][i] = s;
            }
        }
        return sigma;
    }

    /** Validates shape, finiteness, symmetry and the diagonal; returns the mean diagonal entry. */
    private static double checkCovariance(double[][] covariance) {
        int d = covariance.length;
        if (d == 0) {
            throw new IllegalArgumentException("covariance must be at least 1 x 1, got 0 x 0");
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            if (covariance[i].length != d) {
                throw new IllegalArgumentException("covariance row " + i + " has " + covariance[i].length
                        + " entries, expected " + d + " (a square matrix)");
            }
            if (!(covariance[i][i] >= 0 && covariance[i][i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("covariance[" + i + "][" + i + "] is " + covariance[i][i]
                        + ", expected a finite variance >= 0");
            }
            trace += covariance[i][i];
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = covariance[i][j];
                double b = covariance[j][i];
                double scale = Math.sqrt(covariance[i][i] * covariance[j][j]);
                if (!Double.isFinite(a) || Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new IllegalArgumentException("covariance[" + i + "][" + j + "] = " + a + " and covariance["
                            + j + "][" + i + "] = " + b + ", expected a finite symmetric matrix");
                }
            }
        }
        return trace / d;
    }

    /** L of Σ + jitter·I (Commons Math's Cholesky decomposition), or null where that is not positive definite. */
    private static double[][] decompose(double[][] sigma, double jitter) {
        int d = sigma.length;
        double[][] jittered = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                // the lower triangle, mirrored: symmetry was checked within a tolerance, Commons Math wants it exact
                jittered[i][j] = sigma[i][j] + (i == j ? jitter : 0);
                jittered[j][i] = jittered[i][j];
            }
        }
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(jittered, false), 0, 0).getL().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            return null;
        }
    }
}
