package dev.amortizer.flow;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A conditional normalising flow q(z | c) = N(F(z; c); 0, I) · |det ∂F/∂z| on R^D, F a stack of invertible layers
 * whose parameters depend on the context c ∈ R^C: density in one pass, samples z = F⁻¹(ε; c), ε ~ N(0, I).
 *
 * <p>The parameters are mutable only through {@link #parameters()}, which the trainer updates; once trained, a flow
 * is only read, and concurrent {@link #logProb} and {@link #sample} calls are safe.
 *
 * <p>{@code ConditionalFlow f = ConditionalFlow.create(FlowConfig.defaults(FlowType.NSF), 2, 2, rng);}
 *
 * <p>Over 300 lines because density, sampling and the gradient pass share one layer loop and parameter layout.
 */
public final class ConditionalFlow {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int FORMAT = 1;

    private final FlowConfig config;
    private final int dim;
    private final int contextDim;
    private final List<FlowLayer> layers;

    private ConditionalFlow(FlowConfig config, int dim, int contextDim, List<FlowLayer> layers) {
        this.config = config;
        this.dim = dim;
        this.contextDim = contextDim;
        this.layers = layers;
    }

    /** A new flow on R^dim with {@code contextDim} context values, every layer starting as the identity. */
    public static ConditionalFlow create(FlowConfig config, int dim, int contextDim, Rng rng) {
        return create(config, dim, contextDim, rng, true);
    }

    /** As {@link #create(FlowConfig, int, int, Rng)}; {@code identityStart} false draws the output layers too. */
    static ConditionalFlow create(FlowConfig config, int dim, int contextDim, Rng rng, boolean identityStart) {
        if (dim < 1 || contextDim < 1) {
            throw new IllegalArgumentException("a conditional flow needs dim >= 1 and contextDim >= 1, got " + dim
                    + " and " + contextDim);
        }
        List<FlowLayer> layers = new ArrayList<>();
        if (config.linearShift()) {
            layers.add(new LinearShift(dim, contextDim));
        }
        for (int t = 0; t < config.transforms(); t++) {
            switch (config.type()) {
                case MAF -> {
                    if (t > 0 && dim > 1) {
                        layers.add(Permutation.reverse(dim));
                    }
                    ElementwiseTransform affine = new AffineTransform();
                    layers.add(new AutoregressiveLayer(dim, affine, AutoregressiveLayer.made(dim, contextDim,
                            config.hiddenWidths(), affine.parameterCount(), config.activation(), identityStart, rng)));
                }
                case NSF -> layers.add(coupling(t, dim, contextDim, config,
                        new RationalQuadraticSpline(config.bins(), config.tailBound()), identityStart, rng));
                case COUPLING -> layers.add(coupling(t, dim, contextDim, config, new AffineTransform(),
                        identityStart, rng));
            }
        }
        return new ConditionalFlow(config, dim, contextDim, List.copyOf(layers));
    }

    private static CouplingLayer coupling(int t, int dim, int contextDim, FlowConfig config,
                                          ElementwiseTransform transform, boolean identityStart, Rng rng) {
        List<Integer> kept = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
            (dim == 1 || i % 2 == t % 2 ? changed : kept).add(i);
        }
        Mlp net = Mlp.create(kept.size() + contextDim, config.hiddenWidths(),
                changed.size() * transform.parameterCount(), config.activation(), null, identityStart, rng);
        return new CouplingLayer(toArray(kept), toArray(changed), transform, net);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    public FlowConfig config() {
        return config;
    }

    public int dim() {
        return dim;
    }

    public int contextDim() {
        return contextDim;
    }

    /** Every trainable array, in a fixed order; the optimiser updates them in place. */
    public List<double[]> parameters() {
        List<double[]> all = new ArrayList<>();
        for (FlowLayer l : layers) {
            all.addAll(l.parameters());
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Sets the first layer's linear shift to the least-squares regression of z on c (see {@link LinearShift});
     * does nothing for a flow without one. Called once, before training.
     */
    public void fitLinearShift(double[][] z, double[][] context) {
        check(z, context);
        fitLinearShift(ConditionalRows.of(z, context));
    }

    /**
     * As {@link #fitLinearShift(double[][], double[][])} on rows visited twice rather than held (streamed from disk,
     * say); {@code rows} is not visited at all when the flow has no linear shift.
     */
    public void fitLinearShift(ConditionalRows rows) {
        if (!layers.isEmpty() && layers.get(0) instanceof LinearShift shift) {
            shift.fitByLeastSquares(rows);
        }
    }

    /** ε = F(z; c) for each row: the density direction, towards the base noise. */
    public double[][] forward(double[][] z, double[][] context) {
        check(z, context);
        double[] logDet = new double[z.length];
        double[][] h = z;
        for (FlowLayer l : layers) {
            h = l.forward(h, context, logDet, null);
        }
        return h;
    }

    /** Zero arrays shaped as {@link #parameters()}, for {@link #lossAndGradient}. */
    public double[][] newGradients() {
        return parameters().stream().map(a -> new double[a.length]).toArray(double[][]::new);
    }

    /** log q(z_r | c_r) for each row. */
    public double[] logProb(double[][] z, double[][] context) {
        check(z, context);
        double[] logDet = new double[z.length];
        double[][] h = z;
        for (FlowLayer l : layers) {
            h = l.forward(h, context, logDet, null);
        }
        for (int r = 0; r < z.length; r++) {
            logDet[r] += baseLogDensity(h[r]);
        }
        return logDet;
    }

    /**
     * For rows {@code from} until {@code to}: adds ∂L/∂parameters of L = −Σ_r log q(z_r | c_r) · {@code weight} into
     * {@code grads} (shaped as {@link #parameters()}) and returns Σ_r −log q(z_r | c_r).
     */
    public double lossAndGradient(double[][] z, double[][] context, int from, int to, double weight,
                                  double[][] grads) {
        return lossAndGradient(z, context, from, to, weight, grads, null);
    }

    /**
     * As {@link #lossAndGradient(double[][], double[][], int, int, double, double[][])}, and also adds ∂L/∂c_r into
     * row r − from of {@code contextGrads} (rows of length {@link #contextDim()}) when it is not null: what a summary
     * network computing c from raw data back-propagates.
     */
    public double lossAndGradient(double[][] z, double[][] context, int from, int to, double weight,
                                  double[][] grads, double[][] contextGrads) {
        double[][] h = java.util.Arrays.copyOfRange(z, from, to);
        double[][] c = java.util.Arrays.copyOfRange(context, from, to);
        int n = h.length;
        double[] logDet = new double[n];
        FlowLayer.LayerTape[] tapes = new FlowLayer.LayerTape[layers.size()];
        for (int k = 0; k < layers.size(); k++) {
            tapes[k] = new FlowLayer.LayerTape();
            tapes[k].contextGradient = contextGrads;
            h = layers.get(k).forward(h, c, logDet, tapes[k]);
        }
        double loss = 0;
        double[][] g = new double[n][];
        for (int r = 0; r < n; r++) {
            loss -= logDet[r] + baseLogDensity(h[r]);
            g[r] = new double[dim];
            for (int i = 0; i < dim; i++) {
                g[r][i] = weight * h[r][i];
            }
        }
        int offset = grads.length;
        for (int k = layers.size() - 1; k >= 0; k--) {
            offset -= layers.get(k).parameters().size();
            g = layers.get(k).backward(tapes[k], g, -weight, grads, offset);
        }
        return loss;
    }

    /** One draw z = F⁻¹(ε; c_r) per context row. */
    public double[][] sample(double[][] context, Rng rng) {
        double[][] eps = new double[context.length][dim];
        for (double[] row : eps) {
            for (int i = 0; i < dim; i++) {
                row[i] = rng.nextGaussian();
            }
        }
        return inverse(eps, context);
    }

    /** z = F⁻¹(ε; c) for each row. */
    public double[][] inverse(double[][] eps, double[][] context) {
        check(eps, context);
        double[][] h = eps;
        for (int k = layers.size() - 1; k >= 0; k--) {
            h = layers.get(k).inverse(h, context);
        }
        return h;
    }

    private static double baseLogDensity(double[] e) {
        double s = 0;
        for (double v : e) {
            s -= 0.5 * v * v + HALF_LOG_2PI;
        }
        return s;
    }

    private void check(double[][] z, double[][] context) {
        if (z.length != context.length) {
            throw new IllegalArgumentException(z.length + " rows of z but " + context.length + " of context");
        }
        for (int r = 0; r < z.length; r++) {
            if (z[r].length != dim || context[r].length != contextDim) {
                throw new IllegalArgumentException("row " + r + " has " + z[r].length + " z and " + context[r].length
                        + " context values; the flow takes " + dim + " and " + contextDim);
            }
        }
    }

    /** The parameters as bytes: a version, the array count, then each array's length and values. */
    public byte[] parameterBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            List<double[]> params = parameters();
            out.writeInt(FORMAT);
            out.writeInt(params.size());
            for (double[] a : params) {
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A lower bound on the parameter count of a flow of {@code config}, whatever its dimensions: every transform's
     * conditioner has at least the weights between its hidden layers and their biases.
     */
    static long minimumParameters(FlowConfig config) {
        List<Integer> w = config.hiddenWidths();
        long perTransform = 0;
        for (int i = 0; i < w.size(); i++) {
            perTransform += w.get(i) + (i + 1 < w.size() ? (long) w.get(i) * w.get(i + 1) : 0);
        }
        return perTransform * config.transforms();
    }

    /** A flow of this architecture with the parameters {@link #parameterBytes()} wrote; a mismatch is named. */
    public static ConditionalFlow restore(FlowConfig config, int dim, int contextDim, byte[] bytes) {
        // the architecture comes from a file too: refuse one that the weights cannot fill before allocating it
        long minimum = minimumParameters(config);
        if (minimum > bytes.length / Double.BYTES) {
            throw new IllegalArgumentException("the flow weights are truncated: a " + config.type() + " flow of "
                    + config.transforms() + " transforms with hidden widths " + config.hiddenWidths() + " has at least "
                    + minimum + " parameters; the weights hold " + bytes.length + " bytes");
        }
        ConditionalFlow flow = create(config, dim, contextDim, Rng.seeded(0));
        List<double[]> params = flow.parameters();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("flow parameters in format " + format + ", expected " + FORMAT);
            }
            int count = in.readInt();
            if (count != params.size()) {
                throw new IllegalArgumentException("the weights hold " + count + " arrays; a " + config.type()
                        + " flow of this shape has " + params.size());
            }
            for (int a = 0; a < count; a++) {
                double[] target = params.get(a);
                int len = in.readInt();
                if (len != target.length) {
                    throw new IllegalArgumentException("weight array " + a + " has " + len + " values, expected "
                            + target.length);
                }
                for (int i = 0; i < len; i++) {
                    target[i] = in.readDouble();
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("the weights have " + in.available() + " trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the flow weights are truncated or unreadable: " + e, e);
        }
        return flow;
    }
}
