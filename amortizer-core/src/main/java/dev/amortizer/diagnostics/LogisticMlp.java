package dev.amortizer.diagnostics;

import dev.amortizer.nn.RowKernels;
import dev.amortizer.random.Rng;
import java.util.Arrays;

/**
 * The network of scikit-learn's {@code MLPClassifier(activation="relu",
 * hidden_layer_sizes=(h, h))} on a binary target: p(x) = σ(w₃·relu(W₂ᵀ relu(W₁ᵀx + b₁) + b₂) + b₃),
 * trained on the mean log-loss of a minibatch of B rows plus scikit-learn's L2 term,
 * L = −(1/B) Σᵢ [yᵢ log pᵢ + (1−yᵢ) log(1−pᵢ)] + (α/2B)(‖W₁‖² + ‖W₂‖² + ‖w₃‖²), α = 1e-4,
 * with pᵢ clipped to [ε, 1−ε] (ε = machine epsilon) inside the logarithms only.
 *
 * <p>Parameters are kept as blocks in scikit-learn's order: the in rows of W₁ (in×h, as
 * {@code coefs_[0]}), the h rows of W₂, w₃, then the biases b₁, b₂, b₃; the first
 * {@link #weightBlockCount()} blocks are the L2-penalised weights. Gradients have the same
 * blocks. A minibatch flows through as B rows of width h held in scratch arrays sized once for
 * the largest batch, so training allocates nothing per batch. Rows are separate arrays because
 * that is what lets the JIT vectorise {@link RowKernels}.
 *
 * <p>Every matrix product is a sum of scaled rows ({@link RowKernels#addRows}) over the non-zero
 * coefficients, so a ReLU zero (about half the hidden units) skips its whole row. An instance is
 * not thread-safe: each fold owns its own.
 *
 * <p>Over 300 lines because it reproduces scikit-learn's training step for step on buffers that every step shares.
 */
final class LogisticMlp {
    /** scikit-learn's default L2 penalty {@code alpha}. */
    static final double ALPHA = 1e-4;
    /** {@code np.finfo(float64).eps}, scikit-learn's clip in {@code binary_log_loss}. */
    private static final double EPS = Math.ulp(1.0);

    private final int in;
    private final int hidden;
    private final int maxBatch;
    // Parameters: W₁ rows, W₂ rows, w₃, b₁, b₂, b₃ (length 1); blocks lists them in that order.
    private final double[][] w1;
    private final double[][] w2;
    private final double[] w3;
    private final double[] b1;
    private final double[] b2;
    private final double[] b3;
    private final double[][] blocks;
    // Gradients, shaped as the parameters.
    private final double[][] gw1;
    private final double[][] gw2;
    private final double[] gw3;
    private final double[] gb1;
    private final double[] gb2;
    private final double[] gb3;
    private final double[][] gradBlocks;
    // Scratch: batch rows of the input, both hidden layers and their deltas; p and δ₃ per row.
    private final double[][] input;
    private final double[][] h1;
    private final double[][] h2;
    private final double[][] d1;
    private final double[][] d2;
    private final double[] p;
    private final double[] d3;
    // W₂ transposed, rebuilt per batch so that δ₁ is a sum of rows too.
    private final double[][] w2t;
    // The non-zero coefficients of one row or column and the indices of the rows they pick.
    private final int[] pick;
    private final double[] coefs;
    // Every row index and ones, for sums over all rows of a batch.
    private final int[] allRows;
    private final double[] ones;

    /**
     * A network with all parameters zero; see {@link #glorot} for scikit-learn's initialisation.
     *
     * @param maxBatch the largest number of rows passed to one call
     */
    LogisticMlp(int in, int hidden, int maxBatch) {
        if (in < 1 || hidden < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("in, hidden and maxBatch must be >= 1, got in=" + in
                    + ", hidden=" + hidden + ", maxBatch=" + maxBatch);
        }
        this.in = in;
        this.hidden = hidden;
        this.maxBatch = maxBatch;
        w1 = new double[in][hidden];
        w2 = new double[hidden][hidden];
        w3 = new double[hidden];
        b1 = new double[hidden];
        b2 = new double[hidden];
        b3 = new double[1];
        blocks = blocks(w1, w2, w3, b1, b2, b3);
        gw1 = new double[in][hidden];
        gw2 = new double[hidden][hidden];
        gw3 = new double[hidden];
        gb1 = new double[hidden];
        gb2 = new double[hidden];
        gb3 = new double[1];
        gradBlocks = blocks(gw1, gw2, gw3, gb1, gb2, gb3);
        input = new double[maxBatch][in];
        h1 = new double[maxBatch][hidden];
        h2 = new double[maxBatch][hidden];
        d1 = new double[maxBatch][hidden];
        d2 = new double[maxBatch][hidden];
        p = new double[maxBatch];
        d3 = new double[maxBatch];
        w2t = new double[hidden][hidden];
        int widest = Math.max(maxBatch, Math.max(in, hidden));
        pick = new int[widest];
        coefs = new double[widest];
        allRows = new int[maxBatch];
        ones = new double[maxBatch];
        for (int i = 0; i < maxBatch; i++) {
            allRows[i] = i;
            ones[i] = 1.0;
        }
    }

    private static double[][] blocks(double[][] a, double[][] b, double[] c, double[] d, double[] e, double[] f) {
        double[][] all = new double[a.length + b.length + 4][];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        int k = a.length + b.length;
        all[k] = c;
        all[k + 1] = d;
        all[k + 2] = e;
        all[k + 3] = f;
        return all;
    }

    /**
     * scikit-learn's Glorot-uniform initialisation for ReLU networks: each layer's weights and
     * biases are drawn from U(−b, b) with b = √(6 / (fan_in + fan_out)), layer by layer, weights
     * (row by row) before biases. The output layer uses the same factor 6 as scikit-learn does.
     */
    static LogisticMlp glorot(int in, int hidden, int maxBatch, Rng rng) {
        LogisticMlp net = new LogisticMlp(in, hidden, maxBatch);
        double bound1 = Math.sqrt(6.0 / (in + hidden));
        uniform(net.w1, bound1, rng);
        uniform(new double[][] {net.b1}, bound1, rng);
        double bound2 = Math.sqrt(6.0 / (hidden + hidden));
        uniform(net.w2, bound2, rng);
        uniform(new double[][] {net.b2}, bound2, rng);
        double bound3 = Math.sqrt(6.0 / (hidden + 1));
        uniform(new double[][] {net.w3}, bound3, rng);
        uniform(new double[][] {net.b3}, bound3, rng);
        return net;
    }

    private static void uniform(double[][] rows, double bound, Rng rng) {
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextUniform(-bound, bound);
            }
        }
    }

    int inputs() {
        return in;
    }

    /** The live parameter blocks (see the class comment); callers may read and update them. */
    double[][] parameterBlocks() {
        return blocks;
    }

    /** The live gradient blocks written by {@link #lossAndGradient}, shaped as the parameters. */
    double[][] gradientBlocks() {
        return gradBlocks;
    }

    /** How many leading blocks are weights (the L2-penalised part): in + h + 1. */
    int weightBlockCount() {
        return in + hidden + 1;
    }

    /**
     * The minibatch loss L (see the class comment) of the first {@code rows} rows of {@code x}
     * (each {@code in} long) with labels {@code y}, and its gradient into
     * {@link #gradientBlocks()}: ∂L/∂W = (Aᵀδ + αW)/B and ∂L/∂b = mean of δ, as scikit-learn's
     * {@code _backprop}.
     */
    double lossAndGradient(double[][] x, double[] y, int rows) {
        checkRows(rows);
        forward(x, rows);
        final int h = hidden;
        double logLoss = 0;
        for (int i = 0; i < rows; i++) {
            double pc = Math.min(Math.max(p[i], EPS), 1 - EPS);
            // xlogy(y, p) + xlogy(1 - y, 1 - p): a zero coefficient contributes exactly zero.
            if (y[i] != 0) {
                logLoss += y[i] * Math.log(pc);
            }
            if (1 - y[i] != 0) {
                logLoss += (1 - y[i]) * Math.log(1 - pc);
            }
        }
        int weightBlocks = weightBlockCount();
        double squares = 0;
        for (int b = 0; b < weightBlocks; b++) {
            for (double w : blocks[b]) {
                squares += w * w;
            }
        }
        double loss = -logLoss / rows + 0.5 * ALPHA * squares / rows;

        for (double[] g : gradBlocks) {
            Arrays.fill(g, 0.0);
        }
        // Output layer: δ₃ = p − y, ∂w₃ = Σᵢ δ₃ᵢ h₂ᵢ, ∂b₃ = Σᵢ δ₃ᵢ; δ₂ = δ₃ w₃ masked by h₂ > 0.
        double sum3 = 0;
        for (int i = 0; i < rows; i++) {
            d3[i] = p[i] - y[i];
            sum3 += d3[i];
        }
        gb3[0] = sum3;
        RowKernels.addRows(gw3, h2, allRows, d3, rows);
        for (int i = 0; i < rows; i++) {
            double[] a = h2[i];
            double[] d = d2[i];
            double delta = d3[i];
            for (int k = 0; k < h; k++) {
                d[k] = delta * w3[k] * active(a[k]);
            }
        }
        // Second hidden layer: ∂W₂ = h₁ᵀ δ₂, ∂b₂ = Σᵢ δ₂ᵢ.
        weightGradient(h1, d2, rows, gw2, gb2);
        // δ₁ = δ₂ W₂ᵀ masked by h₁ > 0: row i sums the rows of W₂ᵀ picked by δ₂ᵢ's non-zeros.
        for (int k = 0; k < h; k++) {
            double[] row = w2[k];
            for (int j = 0; j < h; j++) {
                w2t[j][k] = row[j];
            }
        }
        for (int i = 0; i < rows; i++) {
            double[] d = d1[i];
            double[] a = h1[i];
            int nz = RowKernels.gatherRow(d2[i], h, pick, coefs);
            Arrays.fill(d, 0.0);
            RowKernels.addRows(d, w2t, pick, coefs, nz);
            for (int k = 0; k < h; k++) {
                d[k] *= active(a[k]);
            }
        }
        // First hidden layer: ∂W₁ = xᵀ δ₁, ∂b₁ = Σᵢ δ₁ᵢ.
        weightGradient(x, d1, rows, gw1, gb1);

        for (int b = 0; b < gradBlocks.length; b++) {
            double[] g = gradBlocks[b];
            if (b < weightBlocks) {
                double[] w = blocks[b];
                for (int j = 0; j < g.length; j++) {
                    g[j] = (g[j] + ALPHA * w[j]) / rows;
                }
            } else {
                for (int j = 0; j < g.length; j++) {
                    g[j] /= rows;
                }
            }
        }
        return loss;
    }

    /**
     * Adds aᵀδ to the weight gradient {@code gw} (one row per column of a) and Σᵢ δᵢ to the bias
     * gradient: row k of gw sums the delta rows picked by column k's non-zeros.
     */
    private void weightGradient(double[][] a, double[][] delta, int rows, double[][] gw, double[] gb) {
        for (int k = 0; k < gw.length; k++) {
            int nz = RowKernels.gatherColumn(a, k, rows, pick, coefs);
            RowKernels.addRows(gw[k], delta, pick, coefs, nz);
        }
        RowKernels.addRows(gb, delta, allRows, ones, rows);
    }

    /**
     * Writes p(x) for {@code rows} rows of the row-major {@code x} ({@code in} values per row)
     * starting at row {@code from} into {@code out[0 .. rows)}, in chunks of at most
     * {@code maxBatch} rows.
     */
    void probabilities(double[] x, int from, int rows, double[] out) {
        for (int done = 0; done < rows; done += maxBatch) {
            int chunk = Math.min(maxBatch, rows - done);
            for (int i = 0; i < chunk; i++) {
                System.arraycopy(x, (from + done + i) * in, input[i], 0, in);
            }
            forward(input, chunk);
            System.arraycopy(p, 0, out, done, chunk);
        }
    }

    private void checkRows(int rows) {
        if (rows < 1 || rows > maxBatch) {
            throw new IllegalArgumentException("rows must be in [1, " + maxBatch + "], got " + rows);
        }
    }

    /** Fills h₁, h₂ and p for the first {@code rows} rows of {@code x}. */
    private void forward(double[][] x, int rows) {
        dense(x, rows, w1, b1, h1);
        dense(h1, rows, w2, b2, h2);
        final int h = hidden;
        final double bias = b3[0];
        // z = h₂ w₃ + b₃, four rows at a time: four independent sums hide the add latency.
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            double[] a0 = h2[i];
            double[] a1 = h2[i + 1];
            double[] a2 = h2[i + 2];
            double[] a3 = h2[i + 3];
            double z0 = 0;
            double z1 = 0;
            double z2 = 0;
            double z3 = 0;
            for (int k = 0; k < h; k++) {
                double w = w3[k];
                z0 += a0[k] * w;
                z1 += a1[k] * w;
                z2 += a2[k] * w;
                z3 += a3[k] * w;
            }
            p[i] = expit(z0 + bias);
            p[i + 1] = expit(z1 + bias);
            p[i + 2] = expit(z2 + bias);
            p[i + 3] = expit(z3 + bias);
        }
        for (; i < rows; i++) {
            double[] a = h2[i];
            double z = 0;
            for (int k = 0; k < h; k++) {
                z += a[k] * w3[k];
            }
            p[i] = expit(z + bias);
        }
    }

    /**
     * The ReLU derivative at a unit whose output is {@code a} ≥ 0: 1 when a &gt; 0, else 0, as
     * scikit-learn's {@code inplace_relu_derivative}. Written as arithmetic rather than a
     * comparison because the JIT vectorises min and multiply but not a conditional: two scalings
     * by 2⁶⁰⁰ lift even the smallest positive double (2⁻¹⁰⁷⁴) past 1, and min caps it at 1.
     */
    private static double active(double a) {
        return Math.min(a * 0x1p600 * 0x1p600, 1.0);
    }

    /** scipy's {@code expit}, the logistic function 1/(1 + e^(−z)). */
    private static double expit(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** out = relu(a W + b): row i of the product sums the rows of W picked by row i's non-zeros. */
    private void dense(double[][] a, int rows, double[][] w, double[] b, double[][] out) {
        for (int i = 0; i < rows; i++) {
            double[] o = out[i];
            int nz = RowKernels.gatherRow(a[i], w.length, pick, coefs);
            System.arraycopy(b, 0, o, 0, o.length);
            RowKernels.addRows(o, w, pick, coefs, nz);
            for (int j = 0; j < o.length; j++) {
                o[j] = Math.max(o[j], 0.0);
            }
        }
    }
}
