package dev.amortizer.nn;

import dev.amortizer.random.Rng;

/**
 * An affine map y = x·W + b applied to a batch of rows, W of shape in × out, with an optional fixed 0/1
 * connectivity mask M (weights outside the mask are zero and stay zero: MADE's masked layers).
 *
 * <p>Weights start uniform on ±1/√(fan-in), as PyTorch's default, or at zero ({@code zero}), which makes a flow's
 * output layer start as the identity transform. The layer owns its parameters; it is mutated only by an optimiser.
 */
public final class DenseLayer {
    private final int in;
    private final int out;
    private final double[][] w;
    private final double[] b;
    private final double[][] mask;

    private DenseLayer(int in, int out, double[][] w, double[] b, double[][] mask) {
        this.in = in;
        this.out = out;
        this.w = w;
        this.b = b;
        this.mask = mask;
    }

    /**
     * A new layer; {@code mask} is null or in × out of 0/1 values, and masked weights are zero.
     */
    public static DenseLayer create(int in, int out, double[][] mask, boolean zero, Rng rng) {
        if (in < 0 || out < 1) {
            throw new IllegalArgumentException("a dense layer needs in >= 0 and out >= 1, got " + in + " × " + out);
        }
        if (mask != null && (mask.length != in || (in > 0 && mask[0].length != out))) {
            throw new IllegalArgumentException("mask must be " + in + " × " + out);
        }
        double[][] w = new double[in][out];
        double bound = in > 0 ? 1 / Math.sqrt(in) : 0;
        double[] b = new double[out];
        if (!zero) {
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < out; j++) {
                    w[i][j] = rng.nextUniform(-bound, bound) * (mask == null ? 1 : mask[i][j]);
                }
            }
            for (int j = 0; j < out; j++) {
                b[j] = rng.nextUniform(-bound, bound);
            }
        }
        return new DenseLayer(in, out, w, b, mask == null ? null : copy(mask));
    }

    /** An unmasked layer holding {@code w} (in × out, row-major) and {@code b}, both copied. */
    static DenseLayer of(int in, int out, double[] w, double[] b) {
        if (w.length != (long) in * out || b.length != out) {
            throw new IllegalArgumentException("a " + in + " × " + out + " layer needs " + (long) in * out
                    + " weights and " + out + " biases, got " + w.length + " and " + b.length);
        }
        double[][] rows = new double[in][];
        for (int i = 0; i < in; i++) {
            rows[i] = java.util.Arrays.copyOfRange(w, i * out, (i + 1) * out);
        }
        return new DenseLayer(in, out, rows, b.clone(), null);
    }

    /** W as one in × out row-major array, a copy. */
    double[] flatWeights() {
        double[] flat = new double[in * out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(w[i], 0, flat, i * out, out);
        }
        return flat;
    }

    public int inputDim() {
        return in;
    }

    public int outputDim() {
        return out;
    }

    /** The parameter arrays, W's rows then b: the optimiser updates them in place. */
    double[][] parameters() {
        double[][] p = new double[in + 1][];
        System.arraycopy(w, 0, p, 0, in);
        p[in] = b;
        return p;
    }

    /** W, in × out: read only. */
    double[][] weights() {
        return w;
    }

    /** b: read only. */
    double[] bias() {
        return b;
    }

    /**
     * y = x·W + b for rows {@code from} until {@code to} of {@code x}; row r of the result is input row from + r. In
     * Java or ND4J as the selected {@link ComputeBackend} says.
     */
    double[][] forward(double[][] x, int from, int to) {
        return forward(x, from, to, null);
    }

    /** As {@link #forward(double[][], int, int)}, the Java path writing into {@code buffers}' rows when not null. */
    double[][] forward(double[][] x, int from, int to, LayerBuffers buffers) {
        return ComputeBackend.selected().forward(to - from, in, out, () -> forwardJava(x, from, to, buffers),
                () -> BlasProduct.affine(x, from, to, w, b));
    }

    private double[][] forwardJava(double[][] x, int from, int to, LayerBuffers buffers) {
        int rows = to - from;
        double[][] y = buffers == null ? new double[rows][out] : buffers.outputs(rows, out);
        if (out == 1) { // a logit: one dot product per row, four rows at a time
            RowKernels.dots(x, from, rows, column0(), b[0], y);
            return y;
        }
        int[] pick = new int[in];
        double[] coef = new double[in];
        for (int r = 0; r < rows; r++) {
            double[] yr = y[r];
            System.arraycopy(b, 0, yr, 0, out);
            int nz = RowKernels.gatherRow(x[from + r], in, pick, coef);
            RowKernels.addRows(yr, w, pick, coef, nz);
        }
        return y;
    }

    /** One row: y = x·W + b, x of length at least in. */
    double[] forwardRow(double[] x) {
        double[] y = b.clone();
        for (int i = 0; i < in; i++) {
            double xi = x[i];
            if (xi != 0) {
                double[] wi = w[i];
                for (int j = 0; j < out; j++) {
                    y[j] += xi * wi[j];
                }
            }
        }
        return y;
    }

    /**
     * Back-propagates ∂L/∂y ({@code gy}, one row per input row {@code x[from + r]}): adds ∂L/∂W and ∂L/∂b into
     * {@code grads} (shaped as {@link #parameters()}) and returns ∂L/∂x, or null when {@code needInput} is false.
     * ∂L/∂b is summed in Java; ∂L/∂W and ∂L/∂x in Java or ND4J as the selected {@link ComputeBackend} says.
     */
    double[][] backward(double[][] x, int from, double[][] gy, double[][] grads, boolean needInput) {
        return backward(x, from, gy, grads, needInput, null);
    }

    /** As {@link #backward(double[][], int, double[][], double[][], boolean)}, the Java path reusing {@code buffers}. */
    double[][] backward(double[][] x, int from, double[][] gy, double[][] grads, boolean needInput,
                        LayerBuffers buffers) {
        int rows = gy.length;
        double[] gb = grads[in];
        for (double[] g : gy) {
            for (int j = 0; j < out; j++) {
                gb[j] += g[j];
            }
        }
        return ComputeBackend.selected().backward(rows, in, out,
                () -> backwardJava(x, from, gy, grads, needInput, buffers), () -> {
                    double[][] gx = BlasGradient.backward(x, from, gy, w, grads, needInput);
                    for (int i = 0; i < in; i++) {
                        applyMask(i, grads[i]);
                    }
                    return gx;
                });
    }

    /** ∂L/∂W and ∂L/∂x of {@link #backward} in Java; ∂L/∂b is already summed. */
    private double[][] backwardJava(double[][] x, int from, double[][] gy, double[][] grads, boolean needInput,
                                    LayerBuffers buffers) {
        int rows = gy.length;
        int[] pick = new int[Math.max(rows, out)];
        double[] coef = new double[Math.max(rows, out)];
        double[][] xs = from == 0 && x.length == rows ? x : java.util.Arrays.copyOfRange(x, from, from + rows);
        if (out == 1) {
            return singleOutputBackward(xs, gy, grads, needInput, buffers, pick, coef);
        }
        for (int i = 0; i < in; i++) {
            int nz = RowKernels.gatherColumn(xs, i, rows, pick, coef);
            RowKernels.addRows(grads[i], gy, pick, coef, nz);
            applyMask(i, grads[i]);
        }
        if (!needInput) {
            return null;
        }
        double[][] gx = buffers == null ? new double[rows][in] : buffers.inputGradients(rows, in);
        double[][] wt = buffers == null ? new double[out][in] : buffers.transposed(out, in);
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                wt[j][i] = w[i][j];
            }
        }
        for (int r = 0; r < rows; r++) {
            double[] g = gx[r];
            if (buffers != null) {
                java.util.Arrays.fill(g, 0.0);
            }
            int nz = RowKernels.gatherRow(gy[r], out, pick, coef);
            RowKernels.addRows(g, wt, pick, coef, nz);
        }
        return gx;
    }

    /**
     * The Java backward pass of a layer with one output (a logit): ∂L/∂W = Σ_r gy_r · x_r is one sum of the rows x_r
     * whose gy_r is non-zero, and ∂L/∂x_r = gy_r · W's column, rather than one sum per input over a column of x.
     */
    private double[][] singleOutputBackward(double[][] xs, double[][] gy, double[][] grads, boolean needInput,
                                            LayerBuffers buffers, int[] pick, double[] coef) {
        int rows = gy.length;
        double[] sum = new double[in];
        int nz = RowKernels.gatherColumn(gy, 0, rows, pick, coef);
        RowKernels.addRows(sum, xs, pick, coef, nz);
        for (int i = 0; i < in; i++) {
            grads[i][0] += sum[i];
            applyMask(i, grads[i]);
        }
        if (!needInput) {
            return null;
        }
        double[][] gx = buffers == null ? new double[rows][in] : buffers.inputGradients(rows, in);
        double[] column = column0();
        for (int r = 0; r < rows; r++) {
            double[] g = gx[r];
            double c = gy[r][0];
            for (int i = 0; i < in; i++) {
                g[i] = c * column[i];
            }
        }
        return gx;
    }

    /** W's only column, for a layer with one output. */
    private double[] column0() {
        double[] c = new double[in];
        for (int i = 0; i < in; i++) {
            c[i] = w[i][0];
        }
        return c;
    }

    /** Zeroes the gradient of row {@code i} of W outside the mask. */
    private void applyMask(int i, double[] gi) {
        if (mask != null) {
            double[] mi = mask[i];
            for (int j = 0; j < out; j++) {
                gi[j] *= mi[j];
            }
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
