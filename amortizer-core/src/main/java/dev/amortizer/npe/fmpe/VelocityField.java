package dev.amortizer.npe.fmpe;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditional velocity v(θ, t, c) of flow matching as an {@link Mlp} on [θ, c, t, sin(kπt), cos(kπt)], with its
 * exact divergence ∇_θ·v by forward-mode tangents: one per coordinate of θ, so that a density costs D + 1 passes.
 */
public final class VelocityField {
    private final Mlp mlp;
    private final int dim;
    private final int contextDim;
    private final int frequencies;
    private final HiddenActivation activation;
    /** Layer widths, input first: the layout of {@link Mlp#parameters()} (W's rows, then b, per layer). */
    private final int[] widths;

    private VelocityField(Mlp mlp, int dim, int contextDim, int frequencies, List<Integer> hidden,
                          HiddenActivation activation) {
        this.mlp = mlp;
        this.dim = dim;
        this.contextDim = contextDim;
        this.frequencies = frequencies;
        this.activation = activation;
        widths = new int[hidden.size() + 2];
        widths[0] = dim + contextDim + 1 + 2 * frequencies;
        for (int l = 0; l < hidden.size(); l++) {
            widths[l + 1] = hidden.get(l);
        }
        widths[widths.length - 1] = dim;
    }

    /** A new field, its weights drawn from {@code rng}. */
    public static VelocityField create(int dim, int contextDim, int frequencies, List<Integer> hidden,
                                       HiddenActivation activation, Rng rng) {
        int in = dim + contextDim + 1 + 2 * frequencies;
        return new VelocityField(Mlp.create(in, hidden, dim, activation, null, false, rng), dim, contextDim,
                frequencies, hidden, activation);
    }

    /** A field of this architecture with the weights {@link #parameterBytes()} wrote; a mismatch is named. */
    public static VelocityField restore(int dim, int contextDim, int frequencies, List<Integer> hidden,
                                        HiddenActivation activation, byte[] bytes) {
        long minimum = 0;
        for (int l = 0; l + 1 < hidden.size(); l++) {
            minimum += (long) hidden.get(l) * hidden.get(l + 1);
        }
        if (minimum > bytes.length / Double.BYTES) {
            throw new IllegalArgumentException("the velocity network's weights are truncated: hidden widths " + hidden
                    + " need at least " + minimum + " parameters; the weights hold " + bytes.length + " bytes");
        }
        VelocityField field = create(dim, contextDim, frequencies, hidden, activation, Rng.seeded(0));
        List<double[]> stored = ParameterBytes.decode(bytes);
        List<double[]> params = field.parameters();
        if (stored.size() != params.size()) {
            throw new IllegalArgumentException("the weights hold " + stored.size() + " arrays; a velocity network of"
                    + " this shape has " + params.size());
        }
        for (int a = 0; a < params.size(); a++) {
            if (stored.get(a).length != params.get(a).length) {
                throw new IllegalArgumentException("weight array " + a + " has " + stored.get(a).length
                        + " values, expected " + params.get(a).length);
            }
            System.arraycopy(stored.get(a), 0, params.get(a), 0, params.get(a).length);
        }
        return field;
    }

    public int dim() {
        return dim;
    }

    public int contextDim() {
        return contextDim;
    }

    /** The network's parameter arrays, updated in place by training. */
    public List<double[]> parameters() {
        return mlp.parameters();
    }

    public byte[] parameterBytes() {
        return ParameterBytes.encode(mlp.parameters());
    }

    Mlp network() {
        return mlp;
    }

    /** The network's input row for θ, c and time t. */
    double[] input(double[] theta, double[] c, double t) {
        double[] in = new double[widths[0]];
        System.arraycopy(theta, 0, in, 0, dim);
        System.arraycopy(c, 0, in, dim, contextDim);
        int at = dim + contextDim;
        in[at++] = t;
        for (int k = 1; k <= frequencies; k++) {
            in[at++] = Math.sin(k * Math.PI * t);
            in[at++] = Math.cos(k * Math.PI * t);
        }
        return in;
    }

    /** v(θ_r, t, c_r) for every row, all at one time t. */
    public double[][] velocity(double[][] theta, double[][] c, double t) {
        double[][] in = new double[theta.length][];
        for (int r = 0; r < theta.length; r++) {
            in[r] = input(theta[r], c[r], t);
        }
        return mlp.forward(in, 0, in.length, null);
    }

    /**
     * v(θ_r, t, c_r) for every row, and the divergence Σ_i ∂v_i/∂θ_i of each into {@code divergence}: the hidden
     * layers are pushed forward together with D tangents, tangent i starting as row i of the first weight matrix.
     */
    public double[][] velocityAndDivergence(double[][] theta, double[][] c, double t, double[] divergence) {
        return withTangents(theta, c, t, divergence, null);
    }

    /**
     * v(θ_r, t, c_r) for every row, and its Jacobian ∂v_i/∂θ_j into {@code jacobian[r][i][j]} (D × D per row),
     * by the same forward-mode pass as {@link #velocityAndDivergence}: its trace is that divergence.
     */
    public double[][] velocityAndJacobian(double[][] theta, double[][] c, double t, double[][][] jacobian) {
        return withTangents(theta, c, t, null, jacobian);
    }

    /** The forward pass with D tangents; the divergence or the Jacobian (one of them given) filled from them. */
    private double[][] withTangents(double[][] theta, double[][] c, double t, double[] divergence,
                                    double[][][] jacobian) {
        int n = theta.length;
        List<double[]> p = mlp.parameters();
        int layers = widths.length - 1;
        double[][] h = new double[n][];
        for (int r = 0; r < n; r++) {
            h[r] = input(theta[r], c[r], t);
        }
        double[][][] tangent = new double[dim][][];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            List<double[]> w = p.subList(offset, offset + in);
            double[] b = p.get(offset + in);
            offset += in + 1;
            double[][] a = Tangents.affine(h, w, b, out);
            boolean last = l == layers - 1;
            for (int i = 0; i < dim; i++) {
                tangent[i] = l == 0 ? Tangents.repeat(w.get(i), n)
                        : last ? tangent[i] : Tangents.times(tangent[i], w, out);
            }
            if (last) {
                for (int r = 0; r < n; r++) {
                    if (jacobian != null) {
                        for (int i = 0; i < dim; i++) {
                            for (int j = 0; j < dim; j++) {
                                jacobian[r][i][j] = Tangents.column(tangent[j][r], w, i);
                            }
                        }
                        continue;
                    }
                    double s = 0;
                    for (int i = 0; i < dim; i++) {
                        s += Tangents.column(tangent[i][r], w, i);
                    }
                    divergence[r] = s;
                }
                return a;
            }
            for (int r = 0; r < n; r++) {
                double[] ar = a[r];
                for (int j = 0; j < out; j++) {
                    ar[j] = activation.apply(ar[j]);
                    double slope = activation.slopeAtOutput(ar[j]);
                    for (int i = 0; i < dim; i++) {
                        tangent[i][r][j] *= slope;
                    }
                }
            }
            h = a;
        }
        throw new IllegalStateException("a velocity network has an output layer");
    }

    /** Fresh zero gradients shaped as {@link #parameters()}. */
    public double[][] newGradients() {
        List<double[]> p = parameters();
        List<double[]> g = new ArrayList<>(p.size());
        for (double[] a : p) {
            g.add(new double[a.length]);
        }
        return g.toArray(double[][]::new);
    }
}
