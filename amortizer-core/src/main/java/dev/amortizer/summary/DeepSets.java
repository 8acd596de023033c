package dev.amortizer.summary;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import dev.amortizer.task.SetLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A permutation-invariant summary of an i.i.d. set of any size m: s = ρ( (1/m) Σ_i φ(y_i), log m ), φ an MLP applied to
 * each row y_i (z-scored per column), ρ an MLP head. The mean makes s invariant to the order of the rows and defined
 * for every m; log m is an input so that the summary can say how much data there is (the posterior narrows as m
 * grows). Sets of different sizes share a batch: the size stored in x is the mask, and padding rows are never read.
 *
 * <p>{@code SummaryNetwork s = SummaryNetworks.create(SummaryConfig.deepSets(20), layout, trainingX, rng);}
 *
 * @see <a href="https://arxiv.org/abs/1703.06114">Zaheer et al. 2017, Deep Sets</a>
 */
public final class DeepSets extends LayoutSummaryNetwork<SetLayout> {
    private final InputScaling scaling;
    private final Mlp phi;
    private final Mlp rho;

    private DeepSets(SummaryConfig config, SetLayout layout, InputScaling scaling, Mlp phi, Mlp rho) {
        super(config, layout);
        this.scaling = scaling;
        this.phi = phi;
        this.rho = rho;
    }

    static DeepSets create(SummaryConfig config, SetLayout layout, InputScaling scaling, Rng rng) {
        List<Integer> inner = config.innerWidths();
        int pooled = inner.get(inner.size() - 1);
        Mlp phi = Mlp.create(layout.width(), inner.subList(0, inner.size() - 1), pooled, config.activation(), null,
                false, rng);
        Mlp rho = Mlp.create(pooled + 1, config.headWidths(), config.summaryDim(), config.activation(), null, false,
                rng);
        return new DeepSets(config, layout, scaling, phi, rho);
    }

    /** Per-column means and SDs of the rows of every set that {@code rows} give as their c (padding excluded). */
    static InputScaling fitScaling(SetLayout layout, ConditionalRows rows) {
        int w = layout.width();
        double[] sum = new double[w];
        double[] sumSq = new double[w];
        long[] count = {0};
        rows.forEach((z, x) -> {
            int m = layout.size(x);
            for (int i = 0; i < m; i++) {
                int off = layout.rowOffset(i);
                for (int j = 0; j < w; j++) {
                    double v = x[off + j];
                    sum[j] += v;
                    sumSq[j] += v * v;
                }
            }
            count[0] += m;
        });
        return InputScaling.fromSums(sum, sumSq, count[0]);
    }

    InputScaling scaling() {
        return scaling;
    }

    @Override
    public List<double[]> parameters() {
        List<double[]> all = new ArrayList<>(phi.parameters());
        all.addAll(rho.parameters());
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

    private SetPass run(double[][] x, boolean record) {
        int batch = x.length;
        int[] sizes = new int[batch];
        int total = 0;
        for (int b = 0; b < batch; b++) {
            if (x[b].length != layout.flatLength()) {
                throw new IllegalArgumentException("row " + b + " has " + x[b].length + " values; a set of up to "
                        + layout.maxSize() + " rows of " + layout.width() + " is " + layout.flatLength());
            }
            double m = x[b][0];
            if (!(m >= 1 && m <= layout.maxSize()) || m != Math.rint(m)) {
                throw new IllegalArgumentException("row " + b + " has set_size " + m + ", expected a whole number in 1.."
                        + layout.maxSize());
            }
            sizes[b] = (int) m;
            total += sizes[b];
        }
        int w = layout.width();
        double[][] elements = new double[total][w];
        int e = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < sizes[b]; i++, e++) {
                int off = layout.rowOffset(i);
                for (int j = 0; j < w; j++) {
                    elements[e][j] = scaling.apply(x[b][off + j], j);
                }
            }
        }
        Mlp.Tape phiTape = record ? phi.newTape() : null;
        double[][] features = phi.forward(elements, 0, total, phiTape);
        int h = phi.outputDim();
        double[][] pooled = new double[batch][h + 1];
        e = 0;
        for (int b = 0; b < batch; b++) {
            double[] p = pooled[b];
            for (int i = 0; i < sizes[b]; i++, e++) {
                double[] f = features[e];
                for (int k = 0; k < h; k++) {
                    p[k] += f[k];
                }
            }
            for (int k = 0; k < h; k++) {
                p[k] /= sizes[b];
            }
            p[h] = Math.log(sizes[b]);
        }
        Mlp.Tape rhoTape = record ? rho.newTape() : null;
        double[][] out = rho.forward(pooled, 0, batch, rhoTape);
        return new SetPass(sizes, total, phiTape, rhoTape, out);
    }

    @Override
    public byte[] parameterBytes() {
        return SummaryNetworks.bytes(scaling, parameters());
    }

    /** The tapes of φ over every row and of ρ over the pooled features. */
    private final class SetPass implements Pass {
        private final int[] sizes;
        private final int total;
        private final Mlp.Tape phiTape;
        private final Mlp.Tape rhoTape;
        private final double[][] out;

        SetPass(int[] sizes, int total, Mlp.Tape phiTape, Mlp.Tape rhoTape, double[][] out) {
            this.sizes = sizes;
            this.total = total;
            this.phiTape = phiTape;
            this.rhoTape = rhoTape;
            this.out = out;
        }

        @Override
        public double[][] output() {
            return out;
        }

        @Override
        public void backward(double[][] gradOutput, double[][] grads) {
            if (phiTape == null) {
                throw new IllegalStateException("this pass was not recorded; use forward, not summarize");
            }
            double[][] gPooled = rho.backward(rhoTape, gradOutput, grads, phi.parameterArrays(), true);
            int h = phi.outputDim();
            double[][] gFeatures = new double[total][];
            int e = 0;
            for (int b = 0; b < sizes.length; b++) {
                double[] g = new double[h];
                for (int k = 0; k < h; k++) {
                    g[k] = gPooled[b][k] / sizes[b];
                }
                for (int i = 0; i < sizes[b]; i++, e++) {
                    gFeatures[e] = g;
                }
            }
            phi.backward(phiTape, gFeatures, grads, 0, false);
        }
    }
}
