package dev.amortizer.nn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The least-squares regression z ≈ A·c + b of rows z on their contexts c, a ridge of {@value #RIDGE}·n keeping it
 * defined for collinear contexts: the starting values of the linear shifts that let a network fit only what is not
 * linear in its input (a flow's first layer, the MDN's component means). One pass over the rows accumulates the
 * normal equations, so rows streamed from disk need not be held.
 *
 * @param weights A, row-major z-width × c-width
 * @param bias    b
 * @param rows    n, the rows fitted
 */
public record RidgeRegression(double[] weights, double[] bias, long rows) {
    private static final double RIDGE = 1e-6;

    /** Regresses each of the {@code dim} values of z on the {@code contextDim} values of c over every row. */
    public static RidgeRegression fit(ConditionalRows rows, int dim, int contextDim) {
        int p = contextDim + 1;
        double[][] gram = new double[p][p];
        double[][] cross = new double[p][dim];
        double[] row = new double[p];
        long[] count = {0};
        rows.forEach((z, c) -> {
            if (z.length != dim || c.length != contextDim) {
                throw new IllegalArgumentException("a row has " + z.length + " values and " + c.length
                        + " context values; the regression takes " + dim + " and " + contextDim);
            }
            System.arraycopy(c, 0, row, 0, contextDim);
            row[contextDim] = 1;
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    gram[a][b] += row[a] * row[b];
                }
                for (int i = 0; i < dim; i++) {
                    cross[a][i] += row[a] * z[i];
                }
            }
            count[0]++;
        });
        long n = count[0];
        if (n < 1) {
            throw new IllegalArgumentException("a regression is fitted on at least one row, got none");
        }
        for (int a = 0; a < p; a++) {
            gram[a][a] += RIDGE * n;
        }
        RealMatrix coef = new CholeskyDecomposition(new Array2DRowRealMatrix(gram, false))
                .getSolver().solve(new Array2DRowRealMatrix(cross, false));
        double[] weights = new double[dim * contextDim];
        double[] bias = new double[dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < contextDim; j++) {
                weights[i * contextDim + j] = coef.getEntry(j, i);
            }
            bias[i] = coef.getEntry(contextDim, i);
        }
        return new RidgeRegression(weights, bias, n);
    }
}
