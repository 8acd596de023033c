package dev.amortizer.diagnostics;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * scikit-learn's {@code MLPClassifier(activation="relu", hidden_layer_sizes=(h, h))} on a binary target, as a loss on
 * the project's one network stack ({@link Mlp}): p(x) = σ(f(x)) with f the ReLU network in → h → h → 1, trained on
 * the mean log-loss of a minibatch of B rows plus scikit-learn's L2 term,
 * L = −(1/B) Σᵢ [yᵢ log pᵢ + (1−yᵢ) log(1−pᵢ)] + (α/2B) Σ ‖W‖², α = 1e-4 (weights only, not biases),
 * with pᵢ clipped to [ε, 1−ε] (ε = machine epsilon) inside the logarithms only.
 *
 * <p>The gradient is scikit-learn's {@code _backprop}: ∂L/∂W = (Aᵀδ + αW)/B, ∂L/∂b = mean of δ, with δ = p − y at the
 * output. Parameters and gradients are {@link Mlp#parameters()}'s arrays, so {@code nn.AdamOptimizer} updates them
 * like any other network's. An instance is not thread-safe: each C2ST fold owns its own.
 */
final class LogisticClassifier {
    /** scikit-learn's default L2 penalty {@code alpha}. */
    static final double ALPHA = 1e-4;
    /** {@code np.finfo(float64).eps}, scikit-learn's clip in {@code binary_log_loss}. */
    private static final double EPS = Math.ulp(1.0);
    /** Rows per block when predicting, which bounds the memory of a large test fold. */
    private static final int PREDICT_ROWS = 1024;

    private final Mlp net;
    // One tape for every batch, so that the layers' row arrays are reused while they are in cache.
    private final Mlp.Tape tape;
    private final List<double[]> params;
    // ∂L/∂f per row, reused from batch to batch like the tape's rows.
    private double[][] delta = new double[0][];
    private final double[][] grads;
    // Whether parameter array a is a weight row (L2-penalised) rather than a bias.
    private final boolean[] penalised;

    private LogisticClassifier(Mlp net) {
        this.net = net;
        this.tape = net.newTape();
        this.params = net.parameters();
        this.grads = new double[params.size()][];
        this.penalised = new boolean[params.size()];
        List<Integer> widths = net.widths();
        int a = 0;
        for (int l = 0; l + 1 < widths.size(); l++) {
            for (int i = 0; i < widths.get(l); i++) {
                penalised[a++] = true;
            }
            a++; // the layer's bias
        }
        for (int k = 0; k < grads.length; k++) {
            grads[k] = new double[params.get(k).length];
        }
    }

    /**
     * scikit-learn's Glorot-uniform initialisation for ReLU networks: each layer's weights and biases are drawn from
     * U(−b, b) with b = √(6 / (fan_in + fan_out)), layer by layer, weights (row by row) before biases; the output layer
     * uses the same factor 6 as scikit-learn does.
     */
    static LogisticClassifier glorot(int in, int hidden, Rng rng) {
        if (in < 1 || hidden < 1) {
            throw new IllegalArgumentException("in and hidden must be >= 1, got in=" + in + ", hidden=" + hidden);
        }
        List<Integer> widths = List.of(in, hidden, hidden, 1);
        List<double[]> arrays = new ArrayList<>();
        for (int l = 0; l + 1 < widths.size(); l++) {
            int fanIn = widths.get(l);
            int fanOut = widths.get(l + 1);
            double bound = Math.sqrt(6.0 / (fanIn + fanOut));
            arrays.add(uniform(fanIn * fanOut, bound, rng));
            arrays.add(uniform(fanOut, bound, rng));
        }
        return new LogisticClassifier(Mlp.ofLayerArrays(arrays, widths, HiddenActivation.RELU));
    }

    private static double[] uniform(int n, double bound, Rng rng) {
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = rng.nextUniform(-bound, bound);
        }
        return a;
    }

    int inputs() {
        return net.inputDim();
    }

    /** The live parameter arrays ({@link Mlp#parameters()}): the optimiser updates them in place. */
    List<double[]> parameters() {
        return params;
    }

    /** The live gradient arrays written by {@link #lossAndGradient}, shaped as the parameters. */
    double[][] gradients() {
        return grads;
    }

    /** Whether parameter array {@code a} is a row of a weight matrix, the L2-penalised part. */
    boolean isWeight(int a) {
        return penalised[a];
    }

    /**
     * The minibatch loss L (see the class comment) of the first {@code rows} rows of {@code x} with labels {@code y},
     * and its gradient into {@link #gradients()}.
     */
    double lossAndGradient(double[][] x, double[] y, int rows) {
        if (rows < 1 || rows > x.length) {
            throw new IllegalArgumentException("rows must be in [1, " + x.length + "], got " + rows);
        }
        double[][] z = net.forward(x, 0, rows, tape);
        double logLoss = 0;
        double[][] delta = deltaRows(rows);
        for (int i = 0; i < rows; i++) {
            double p = expit(z[i][0]);
            double pc = Math.min(Math.max(p, EPS), 1 - EPS);
            // xlogy(y, p) + xlogy(1 - y, 1 - p): a zero coefficient contributes exactly zero.
            if (y[i] != 0) {
                logLoss += y[i] * Math.log(pc);
            }
            if (1 - y[i] != 0) {
                logLoss += (1 - y[i]) * Math.log(1 - pc);
            }
            delta[i][0] = p - y[i];
        }
        double squares = 0;
        for (int a = 0; a < grads.length; a++) {
            Arrays.fill(grads[a], 0.0);
            if (penalised[a]) {
                for (double w : params.get(a)) {
                    squares += w * w;
                }
            }
        }
        net.backward(tape, delta, grads, 0, false);
        for (int a = 0; a < grads.length; a++) {
            double[] g = grads[a];
            if (penalised[a]) {
                double[] w = params.get(a);
                for (int j = 0; j < g.length; j++) {
                    g[j] = (g[j] + ALPHA * w[j]) / rows;
                }
            } else {
                for (int j = 0; j < g.length; j++) {
                    g[j] /= rows;
                }
            }
        }
        return -logLoss / rows + 0.5 * ALPHA * squares / rows;
    }

    private double[][] deltaRows(int rows) {
        if (delta.length != rows) {
            delta = new double[rows][1];
        }
        return delta;
    }

    /**
     * Writes p(x) for {@code rows} rows of the row-major {@code x} ({@link #inputs()} values per row) starting at row
     * {@code from} into {@code out[0 .. rows)}.
     */
    void probabilities(double[] x, int from, int rows, double[] out) {
        int d = inputs();
        for (int done = 0; done < rows; done += PREDICT_ROWS) {
            int chunk = Math.min(PREDICT_ROWS, rows - done);
            double[][] block = new double[chunk][];
            for (int i = 0; i < chunk; i++) {
                int start = (from + done + i) * d;
                block[i] = Arrays.copyOfRange(x, start, start + d);
            }
            double[][] z = net.forward(block, 0, chunk, null);
            for (int i = 0; i < chunk; i++) {
                out[done + i] = expit(z[i][0]);
            }
        }
    }

    /** scipy's {@code expit}, the logistic function 1/(1 + e^(−z)). */
    private static double expit(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
