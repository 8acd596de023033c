package dev.amortizer.point;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.nn.WeightLists;
import dev.amortizer.random.Rng;
import java.util.List;

/**
 * An MLP from standardised x to, for each of D standardised parameters, a mean m_j and L quantiles
 * q_j1 ≤ … ≤ q_jL that cannot cross: the raw outputs (a_j0, a_j1, …, a_jL) give m_j = a_j0, q_j1 = a_j1 and
 * q_jk = q_j(k−1) + softplus(a_jk).
 *
 * <p>Its loss per pair is Σ_j [(m_j − θ_j)² + Σ_k ρ_τk(θ_j − q_jk)], the squared loss (minimised by the posterior
 * mean) plus the pinball losses ρ_τ(u) = u(τ − 1[u &lt; 0]) (minimised by the τ-quantile; at τ = 0.5 it is half the
 * absolute loss, minimised by the median). Immutable after training; {@link #predict} is thread-safe.
 *
 * @see <a href="https://arxiv.org/abs/2310.02600">Sainsbury-Dale, Zammit-Mangion &amp; Huser 2024, Likelihood-free
 *     parameter estimation with neural Bayes estimators</a>
 */
final class QuantileNetwork {
    private final Mlp mlp;
    private final double[] levels;
    private final int dim;

    private QuantileNetwork(Mlp mlp, double[] levels, int dim) {
        this.mlp = mlp;
        this.levels = levels;
        this.dim = dim;
    }

    static QuantileNetwork create(int dataDim, int parameterDim, double[] levels, List<Integer> hidden,
                                  HiddenActivation activation, Rng rng) {
        Mlp mlp = Mlp.create(dataDim, hidden, parameterDim * (levels.length + 1), activation, null, false, rng);
        return new QuantileNetwork(mlp, levels.clone(), parameterDim);
    }

    /** A network of the same shape with the weights {@code params} (as {@link #parameters()} orders them). */
    static QuantileNetwork restore(int dataDim, int parameterDim, double[] levels, List<Integer> hidden,
                                   HiddenActivation activation, List<double[]> params) {
        QuantileNetwork net = create(dataDim, parameterDim, levels, hidden, activation, Rng.seeded(0));
        WeightLists.load(params, net.parameters());
        return net;
    }

    /** The weights, live (the trainer updates them in place). */
    List<double[]> parameters() {
        return mlp.parameters();
    }

    /** For each parameter j: row j = {mean, q_1, …, q_L}, in standardised units. */
    double[][] predict(double[] c) {
        return outputs(mlp.forwardRow(c));
    }

    private double[][] outputs(double[] raw) {
        int width = levels.length + 1;
        double[][] out = new double[dim][width];
        for (int j = 0; j < dim; j++) {
            int o = j * width;
            out[j][0] = raw[o];
            out[j][1] = raw[o + 1];
            for (int k = 2; k < width; k++) {
                out[j][k] = out[j][k - 1] + softplus(raw[o + k]);
            }
        }
        return out;
    }

    /**
     * The mean loss over rows {@code rows[from … to)} of (c, z); when {@code grads} is not null adds its gradient
     * (times {@code 1/(to − from)}) into them, shaped as {@link #parameters()}.
     */
    double loss(double[][] c, double[][] z, int[] rows, int from, int to, double[][] grads) {
        int n = to - from;
        double[][] input = new double[n][];
        for (int r = 0; r < n; r++) {
            input[r] = c[rows[from + r]];
        }
        Mlp.Tape tape = grads == null ? null : mlp.newTape();
        double[][] raw = mlp.forward(input, 0, n, tape);
        int width = levels.length + 1;
        double total = 0;
        double[][] gy = grads == null ? null : new double[n][];
        for (int r = 0; r < n; r++) {
            double[] theta = z[rows[from + r]];
            double[][] out = outputs(raw[r]);
            double[] g = grads == null ? null : new double[raw[r].length];
            for (int j = 0; j < dim; j++) {
                int o = j * width;
                double err = out[j][0] - theta[j];
                total += err * err;
                double[] dq = new double[width];
                for (int k = 1; k < width; k++) {
                    double u = theta[j] - out[j][k];
                    double tau = levels[k - 1];
                    total += u * (tau - (u < 0 ? 1 : 0));
                    dq[k] = (u < 0 ? 1 : 0) - tau;
                }
                if (g != null) {
                    g[o] = 2 * err / n;
                    double tail = 0;
                    for (int k = width - 1; k >= 1; k--) {
                        tail += dq[k];
                        g[o + k] = (k == 1 ? tail : tail * sigmoid(raw[r][o + k])) / n;
                    }
                }
            }
            if (gy != null) {
                gy[r] = g;
            }
        }
        if (grads != null) {
            mlp.backward(tape, gy, grads, 0, false);
        }
        return total / n;
    }

    private static double softplus(double a) {
        return a > 30 ? a : Math.log1p(Math.exp(a));
    }

    private static double sigmoid(double a) {
        return 1 / (1 + Math.exp(-a));
    }
}
