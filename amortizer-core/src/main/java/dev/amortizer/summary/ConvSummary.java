package dev.amortizer.summary;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import dev.amortizer.task.SeriesLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A 1-D convolutional summary of a raw time series: blocks of [convolution (kernel K, no padding) → nonlinearity →
 * average pooling by 2], then the flattened feature map through a dense head to s ∈ R^k. Each channel is z-scored by
 * its mean and SD over all steps of the training series. Weight sharing along time makes the features local and
 * shift-equivariant, so a series of T steps needs far fewer weights than a dense network on all T values.
 *
 * <p>{@code SummaryNetwork s = SummaryNetworks.create(SummaryConfig.conv(8), layout, trainingX, rng);}
 *
 * @see <a href="https://arxiv.org/abs/1711.02389">Lueckmann et al. 2017, Flexible statistical inference for
 *     mechanistic models of neural dynamics</a>
 */
public final class ConvSummary extends LayoutSummaryNetwork<SeriesLayout> {
    private final InputScaling scaling;
    private final List<Conv1dLayer> convs;
    private final Mlp head;

    private ConvSummary(SummaryConfig config, SeriesLayout layout, InputScaling scaling, List<Conv1dLayer> convs,
                        Mlp head) {
        super(config, layout);
        this.scaling = scaling;
        this.convs = convs;
        this.head = head;
    }

    static ConvSummary create(SummaryConfig config, SeriesLayout layout, InputScaling scaling, Rng rng) {
        List<Conv1dLayer> convs = new ArrayList<>();
        int channels = layout.channels();
        int length = layout.length();
        for (int width : config.innerWidths()) {
            Conv1dLayer conv = new Conv1dLayer(channels, width, config.kernel(), rng);
            length = conv.outputLength(length) / 2;
            if (length < 1) {
                throw new IllegalArgumentException("a series of " + layout.length() + " steps is too short for "
                        + config.innerWidths().size() + " convolutions of kernel " + config.kernel()
                        + " each followed by pooling by 2; use fewer layers or a smaller kernel");
            }
            convs.add(conv);
            channels = width;
        }
        Mlp head = Mlp.create(channels * length, config.headWidths(), config.summaryDim(), config.activation(), null,
                false, rng);
        return new ConvSummary(config, layout, scaling, List.copyOf(convs), head);
    }

    /** Per-channel means and SDs over every step of every series that {@code rows} give as their c. */
    static InputScaling fitScaling(SeriesLayout layout, ConditionalRows rows) {
        int c = layout.channels();
        double[] sum = new double[c];
        double[] sumSq = new double[c];
        long[] series = {0};
        rows.forEach((z, x) -> {
            for (int t = 0; t < layout.length(); t++) {
                for (int j = 0; j < c; j++) {
                    double v = x[t * c + j];
                    sum[j] += v;
                    sumSq[j] += v * v;
                }
            }
            series[0]++;
        });
        return InputScaling.fromSums(sum, sumSq, series[0] * layout.length());
    }

    @Override
    public List<double[]> parameters() {
        List<double[]> all = new ArrayList<>();
        for (Conv1dLayer c : convs) {
            all.addAll(c.parameters());
        }
        all.addAll(head.parameters());
        return all;
    }

    @Override
    public double[][] summarize(double[][] x) {
        return run(x, false).output();
    }

    @Override
    public Pass forward(double[][] x) {
        return run(x, true);
    }

    private SeriesPass run(double[][] x, boolean record) {
        int batch = x.length;
        int c = layout.channels();
        double[][][][] inputs = record ? new double[batch][convs.size()][][] : null;
        double[][][][] activations = record ? new double[batch][convs.size()][][] : null;
        double[][] flat = new double[batch][];
        for (int b = 0; b < batch; b++) {
            if (x[b].length != layout.flatLength()) {
                throw new IllegalArgumentException("row " + b + " has " + x[b].length + " values; a series of "
                        + layout.length() + " steps × " + c + " channels is " + layout.flatLength());
            }
            double[][] h = new double[c][layout.length()];
            for (int t = 0; t < layout.length(); t++) {
                for (int j = 0; j < c; j++) {
                    h[j][t] = scaling.apply(x[b][t * c + j], j);
                }
            }
            for (int l = 0; l < convs.size(); l++) {
                double[][] a = convs.get(l).forward(h);
                activate(a, config.activation());
                if (record) {
                    inputs[b][l] = h;
                    activations[b][l] = a;
                }
                h = pool(a);
            }
            int len = h[0].length;
            double[] f = new double[h.length * len];
            for (int j = 0; j < h.length; j++) {
                System.arraycopy(h[j], 0, f, j * len, len);
            }
            flat[b] = f;
        }
        Mlp.Tape headTape = record ? head.newTape() : null;
        double[][] out = head.forward(flat, 0, batch, headTape);
        return new SeriesPass(inputs, activations, headTape, out);
    }

    private static void activate(double[][] a, HiddenActivation act) {
        for (double[] row : a) {
            for (int t = 0; t < row.length; t++) {
                row[t] = act.apply(row[t]);
            }
        }
    }

    /** Averages of neighbouring pairs; an odd last step is dropped. */
    private static double[][] pool(double[][] a) {
        int len = a[0].length / 2;
        double[][] p = new double[a.length][len];
        for (int j = 0; j < a.length; j++) {
            for (int t = 0; t < len; t++) {
                p[j][t] = 0.5 * (a[j][2 * t] + a[j][2 * t + 1]);
            }
        }
        return p;
    }

    @Override
    public byte[] parameterBytes() {
        return SummaryNetworks.bytes(scaling, parameters());
    }

    /** Each example's layer inputs and activations, and the head's tape. */
    private final class SeriesPass implements Pass {
        private final double[][][][] inputs;
        private final double[][][][] activations;
        private final Mlp.Tape headTape;
        private final double[][] out;

        SeriesPass(double[][][][] inputs, double[][][][] activations, Mlp.Tape headTape, double[][] out) {
            this.inputs = inputs;
            this.activations = activations;
            this.headTape = headTape;
            this.out = out;
        }

        @Override
        public double[][] output() {
            return out;
        }

        @Override
        public void backward(double[][] gradOutput, double[][] grads) {
            if (headTape == null) {
                throw new IllegalStateException("this pass was not recorded; use forward, not summarize");
            }
            int headOffset = 0;
            for (Conv1dLayer c : convs) {
                headOffset += c.parameterArrays();
            }
            double[][] gFlat = head.backward(headTape, gradOutput, grads, headOffset, true);
            for (int b = 0; b < gFlat.length; b++) {
                int last = convs.size() - 1;
                int channels = convs.get(last).outputChannels();
                int len = gFlat[b].length / channels;
                double[][] g = new double[channels][len];
                for (int j = 0; j < channels; j++) {
                    System.arraycopy(gFlat[b], j * len, g[j], 0, len);
                }
                int offset = headOffset;
                for (int l = last; l >= 0; l--) {
                    Conv1dLayer conv = convs.get(l);
                    offset -= conv.parameterArrays();
                    double[][] a = activations[b][l];
                    double[][] ga = new double[a.length][a[0].length];
                    for (int j = 0; j < a.length; j++) {
                        for (int t = 0; t < g[j].length; t++) {
                            double v = 0.5 * g[j][t];
                            ga[j][2 * t] = v * config.activation().slopeAtOutput(a[j][2 * t]);
                            ga[j][2 * t + 1] = v * config.activation().slopeAtOutput(a[j][2 * t + 1]);
                        }
                    }
                    g = conv.backward(inputs[b][l], ga, grads, offset, l > 0);
                }
            }
        }
    }
}
