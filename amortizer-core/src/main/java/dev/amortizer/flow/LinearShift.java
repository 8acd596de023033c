package dev.amortizer.flow;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.RidgeRegression;
import java.util.List;

/**
 * z' = (z − A·c − b) ⊙ exp(−s): removes the part of z that is linear in the context and rescales what is left, with
 * log-det −Σ s_i. Posteriors whose location moves linearly with the observation (a Gaussian linear model, for one)
 * then leave the following layers a nearly context-free residual, which a conditioner network fits far more precisely
 * than the identity map from c to z's location. A, b and s start at zero (the identity) and are trained with the
 * other layers; {@link #fitByLeastSquares} gives them a ridge regression's values first.
 */
final class LinearShift implements FlowLayer {
    private final int dim;
    private final int contextDim;
    /** A, row-major dim × contextDim. */
    private final double[] weights;
    private final double[] bias;
    private final double[] logScale;

    LinearShift(int dim, int contextDim) {
        this.dim = dim;
        this.contextDim = contextDim;
        this.weights = new double[dim * contextDim];
        this.bias = new double[dim];
        this.logScale = new double[dim];
    }

    /**
     * Sets A and b to the least-squares regression of z on c ({@link RidgeRegression}) and s to the log of each
     * residual's standard deviation: two passes over {@code rows}, the normal equations' sums first, then the
     * residuals', so the rows need not be held at once.
     */
    void fitByLeastSquares(ConditionalRows rows) {
        RidgeRegression fit = RidgeRegression.fit(rows, dim, contextDim);
        System.arraycopy(fit.weights(), 0, weights, 0, weights.length);
        System.arraycopy(fit.bias(), 0, bias, 0, dim);
        long n = fit.rows();
        double[] sumSq = new double[dim];
        rows.forEach((z, c) -> {
            double[] u = residual(z, c);
            for (int i = 0; i < dim; i++) {
                sumSq[i] += u[i] * u[i];
            }
        });
        for (int i = 0; i < dim; i++) {
            logScale[i] = 0.5 * Math.log(Math.max(sumSq[i] / n, 1e-12));
        }
    }

    /** z − A·c − b. */
    private double[] residual(double[] z, double[] c) {
        double[] u = new double[dim];
        for (int i = 0; i < dim; i++) {
            double s = z[i] - bias[i];
            int base = i * contextDim;
            for (int j = 0; j < contextDim; j++) {
                s -= weights[base + j] * c[j];
            }
            u[i] = s;
        }
        return u;
    }

    @Override
    public double[][] forward(double[][] z, double[][] context, double[] logDet, LayerTape tape) {
        double logDetRow = 0;
        double[] inverseScale = new double[dim];
        for (int i = 0; i < dim; i++) {
            logDetRow -= logScale[i];
            inverseScale[i] = Math.exp(-logScale[i]);
        }
        double[][] out = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            double[] u = residual(z[r], context[r]);
            for (int i = 0; i < dim; i++) {
                u[i] *= inverseScale[i];
            }
            out[r] = u;
            logDet[r] += logDetRow;
        }
        if (tape != null) {
            tape.input = out;
            tape.params = context;
        }
        return out;
    }

    /** The tape holds z' (as input) and the context rows (as params). */
    @Override
    public double[][] backward(LayerTape tape, double[][] g, double logDetWeight, double[][] grads, int offset) {
        double[][] zPrime = tape.input;
        double[][] context = tape.params;
        double[] gradA = grads[offset];
        double[] gradB = grads[offset + 1];
        double[] gradS = grads[offset + 2];
        double[] inverseScale = new double[dim];
        for (int i = 0; i < dim; i++) {
            inverseScale[i] = Math.exp(-logScale[i]);
        }
        double[][] gz = new double[g.length][dim];
        for (int r = 0; r < g.length; r++) {
            double[] c = context[r];
            for (int i = 0; i < dim; i++) {
                double gu = g[r][i] * inverseScale[i];
                gz[r][i] = gu;
                gradS[i] -= g[r][i] * zPrime[r][i] + logDetWeight;
                gradB[i] -= gu;
                int base = i * contextDim;
                for (int j = 0; j < contextDim; j++) {
                    gradA[base + j] -= gu * c[j];
                }
            }
            if (tape.contextGradient != null) {
                double[] gc = tape.contextGradient[r];
                for (int i = 0; i < dim; i++) {
                    int base = i * contextDim;
                    for (int j = 0; j < contextDim; j++) {
                        gc[j] -= gz[r][i] * weights[base + j];
                    }
                }
            }
        }
        return gz;
    }

    @Override
    public double[][] inverse(double[][] zPrime, double[][] context) {
        double[] scale = new double[dim];
        for (int i = 0; i < dim; i++) {
            scale[i] = Math.exp(logScale[i]);
        }
        double[][] out = new double[zPrime.length][dim];
        for (int r = 0; r < zPrime.length; r++) {
            for (int i = 0; i < dim; i++) {
                double s = zPrime[r][i] * scale[i] + bias[i];
                int base = i * contextDim;
                for (int j = 0; j < contextDim; j++) {
                    s += weights[base + j] * context[r][j];
                }
                out[r][i] = s;
            }
        }
        return out;
    }

    @Override
    public List<double[]> parameters() {
        return List.of(weights, bias, logScale);
    }
}
