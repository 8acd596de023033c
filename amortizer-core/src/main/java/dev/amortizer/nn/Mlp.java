package dev.amortizer.nn;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * A multilayer perceptron y = L_k(a(… a(L_1(x)))) of {@link DenseLayer}s with one hidden nonlinearity a and a linear
 * output, evaluated and differentiated on batches.
 *
 * <p>The dense products run in plain Java or ND4J as the selected {@link ComputeBackend} says; activations and the
 * tape stay in Java. Every backend but nd4j keeps small blocks in plain Java because ND4J costs 10–50 µs per op
 * whatever the size (amortizer-core/README.md, "The DL4J and ND4J stack"), more than the arithmetic of a 50-unit
 * layer on a few hundred rows.
 */
public final class Mlp {
    private final DenseLayer[] layers;
    private final HiddenActivation activation;

    private Mlp(DenseLayer[] layers, HiddenActivation activation) {
        this.layers = layers;
        this.activation = activation;
    }

    /**
     * An MLP {@code in → hidden… → out}; {@code masks} is null or holds one in × out 0/1 mask per layer (MADE);
     * {@code zeroOutput} starts the output layer at zero.
     */
    public static Mlp create(int in, List<Integer> hidden, int out, HiddenActivation activation, List<double[][]> masks,
                             boolean zeroOutput, Rng rng) {
        int n = hidden.size() + 1;
        if (masks != null && masks.size() != n) {
            throw new IllegalArgumentException("need one mask per layer (" + n + "), got " + masks.size());
        }
        DenseLayer[] layers = new DenseLayer[n];
        int width = in;
        for (int l = 0; l < n; l++) {
            int next = l < n - 1 ? hidden.get(l) : out;
            layers[l] = DenseLayer.create(width, next, masks == null ? null : masks.get(l), zeroOutput && l == n - 1,
                    rng);
            width = next;
        }
        return new Mlp(layers, activation);
    }

    /**
     * The unmasked MLP of {@code widths} (input, hidden…, output) whose layers hold {@code arrays} as
     * {@link #layerArrays()} gives them; a count or length that does not fit the widths is named.
     */
    public static Mlp ofLayerArrays(List<double[]> arrays, List<Integer> widths, HiddenActivation activation) {
        int n = widths.size() - 1;
        if (n < 1 || arrays.size() != 2 * n) {
            throw new IllegalArgumentException("the weights hold " + arrays.size() + " arrays; a network of widths "
                    + widths + " has " + 2 * Math.max(n, 0));
        }
        DenseLayer[] layers = new DenseLayer[n];
        for (int l = 0; l < n; l++) {
            try {
                layers[l] = DenseLayer.of(widths.get(l), widths.get(l + 1), arrays.get(2 * l), arrays.get(2 * l + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + l + ": " + e.getMessage(), e);
            }
        }
        return new Mlp(layers, activation);
    }

    /** Per layer the in × out weight matrix row-major, then the bias: copies, a layout independent of the layers'. */
    public List<double[]> layerArrays() {
        List<double[]> out = new ArrayList<>();
        for (DenseLayer l : layers) {
            out.add(l.flatWeights());
            out.add(l.bias().clone());
        }
        return out;
    }

    /** The widths, input to output. */
    public List<Integer> widths() {
        List<Integer> out = new ArrayList<>();
        out.add(inputDim());
        for (DenseLayer l : layers) {
            out.add(l.outputDim());
        }
        return List.copyOf(out);
    }

    public int inputDim() {
        return layers[0].inputDim();
    }

    public int outputDim() {
        return layers[layers.length - 1].outputDim();
    }

    /** Every parameter array, layer by layer (W's rows, then b). */
    public List<double[]> parameters() {
        List<double[]> all = new ArrayList<>();
        for (DenseLayer l : layers) {
            all.addAll(List.of(l.parameters()));
        }
        return all;
    }

    /**
     * What {@link #backward} needs, each layer's input, and the row arrays the Java path reuses from one batch to the
     * next. The arrays a {@link #forward} or {@link #backward} on a tape returns belong to it: the next call on the same
     * tape overwrites them, so a caller that keeps them holds one tape per batch.
     */
    public static final class Tape {
        private final double[][][] inputs;
        private final LayerBuffers[] buffers;

        private Tape(int layers) {
            inputs = new double[layers][][];
            buffers = new LayerBuffers[layers];
            for (int l = 0; l < layers; l++) {
                buffers[l] = new LayerBuffers();
            }
        }
    }

    /** A tape sized for this network. */
    public Tape newTape() {
        return new Tape(layers.length);
    }

    /** The outputs for rows {@code from} until {@code to} of {@code x}, recording on {@code tape} when not null. */
    public double[][] forward(double[][] x, int from, int to, Tape tape) {
        if (tape == null && activation == HiddenActivation.RELU
                && ComputeBackend.selected().networkInNd4j(to - from, inputDim(), weightCount())) {
            return BlasProduct.reluNetwork(x, from, to, layers);
        }
        double[][] h = x;
        int lo = from;
        int hi = to;
        for (int l = 0; l < layers.length; l++) {
            if (tape != null) {
                tape.inputs[l] = lo == 0 && hi == h.length ? h : java.util.Arrays.copyOfRange(h, lo, hi);
            }
            double[][] z = layers[l].forward(h, lo, hi, tape == null ? null : tape.buffers[l]);
            if (l < layers.length - 1) {
                activate(z);
            }
            h = z;
            lo = 0;
            hi = z.length;
        }
        return h;
    }

    /** One row, without a tape. */
    public double[] forwardRow(double[] x) {
        double[] h = x;
        for (int l = 0; l < layers.length; l++) {
            double[] z = layers[l].forwardRow(h);
            if (l < layers.length - 1) {
                for (int j = 0; j < z.length; j++) {
                    z[j] = activation.apply(z[j]);
                }
            }
            h = z;
        }
        return h;
    }

    /**
     * Given ∂L/∂y for the rows of the last {@link #forward} on {@code tape}, adds ∂L/∂parameters into {@code grads}
     * (arrays shaped and ordered as {@link #parameters()}, starting at {@code offset}) and returns ∂L/∂x (null
     * unless {@code needInput}).
     */
    public double[][] backward(Tape tape, double[][] gy, double[][] grads, int offset, boolean needInput) {
        double[][] g = gy;
        int end = offset + parameterArrays();
        for (int l = layers.length - 1; l >= 0; l--) {
            int count = layers[l].inputDim() + 1;
            int start = end - count;
            double[][] slice = java.util.Arrays.copyOfRange(grads, start, end);
            boolean wantInput = l > 0 || needInput;
            double[][] gx = layers[l].backward(tape.inputs[l], 0, g, slice, wantInput, tape.buffers[l]);
            if (l > 0) {
                double[][] a = tape.inputs[l];
                for (int r = 0; r < gx.length; r++) {
                    if (activation == HiddenActivation.RELU) {
                        HiddenActivation.maskByReluOutput(gx[r], a[r]);
                    } else {
                        double[] gr = gx[r];
                        double[] ar = a[r];
                        for (int j = 0; j < gr.length; j++) {
                            gr[j] *= activation.slopeAtOutput(ar[j]);
                        }
                    }
                }
            }
            g = gx;
            end = start;
        }
        return g;
    }

    private int weightCount() {
        int n = 0;
        for (DenseLayer l : layers) {
            n += l.inputDim() * l.outputDim();
        }
        return n;
    }

    /** How many arrays {@link #parameters()} holds. */
    public int parameterArrays() {
        int n = 0;
        for (DenseLayer l : layers) {
            n += l.inputDim() + 1;
        }
        return n;
    }

    private void activate(double[][] z) {
        if (activation == HiddenActivation.RELU) {
            for (double[] row : z) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.max(0.0, row[j]);
                }
            }
            return;
        }
        for (double[] row : z) {
            for (int j = 0; j < row.length; j++) {
                row[j] = activation.apply(row[j]);
            }
        }
    }
}
