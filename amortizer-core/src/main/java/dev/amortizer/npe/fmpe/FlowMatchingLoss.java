package dev.amortizer.npe.fmpe;

import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;

/**
 * The regression that trains a {@link VelocityField}: for a pair (θ₁, c), a time t ~ U(0, 1) and a base draw
 * θ₀ ~ N(0, I), the point θ_t = (1 − (1 − σ)t)·θ₀ + t·θ₁ on the straight path and its velocity
 * u = θ₁ − (1 − σ)·θ₀; the loss is ‖v(θ_t, t, c) − u‖², summed over coordinates and averaged over rows.
 */
public final class FlowMatchingLoss {
    private final double sigmaMin;

    public FlowMatchingLoss(double sigmaMin) {
        this.sigmaMin = sigmaMin;
    }

    /**
     * Draws for {@code rows} rows of dimension {@code dim}: per row, t then θ₀'s coordinates, in row order, so that
     * the draws depend on the generator alone.
     */
    public static Draws draw(int rows, int dim, Rng rng) {
        double[] t = new double[rows];
        double[][] base = new double[rows][dim];
        for (int r = 0; r < rows; r++) {
            t[r] = rng.nextDouble();
            for (int i = 0; i < dim; i++) {
                base[r][i] = rng.nextGaussian();
            }
        }
        return new Draws(t, base);
    }

    /**
     * Σ over rows {@code from} until {@code to} of the loss times {@code weight}; with {@code grads} not null, adds
     * the gradient of that sum into them. {@code theta1}, {@code c} and the draws are indexed alike.
     */
    public double lossAndGradient(VelocityField field, double[][] theta1, double[][] c, Draws draws, int from, int to,
                                  double weight, double[][] grads) {
        int n = to - from;
        int d = field.dim();
        double[][] in = new double[n][];
        double[][] target = new double[n][d];
        for (int r = 0; r < n; r++) {
            double t = draws.t[from + r];
            double[] b = draws.base[from + r];
            double[] x1 = theta1[from + r];
            double[] point = new double[d];
            for (int i = 0; i < d; i++) {
                point[i] = (1 - (1 - sigmaMin) * t) * b[i] + t * x1[i];
                target[r][i] = x1[i] - (1 - sigmaMin) * b[i];
            }
            in[r] = field.input(point, c[from + r], t);
        }
        Mlp mlp = field.network();
        Mlp.Tape tape = grads == null ? null : mlp.newTape();
        double[][] v = mlp.forward(in, 0, n, tape);
        double loss = 0;
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double e = v[r][i] - target[r][i];
                loss += e * e;
                v[r][i] = 2 * weight * e; // now ∂(weighted loss)/∂v
            }
        }
        if (grads != null) {
            mlp.backward(tape, v, grads, 0, false);
        }
        return loss * weight;
    }

    /** The times and base draws of a set of rows. */
    public record Draws(double[] t, double[][] base) {
    }
}
