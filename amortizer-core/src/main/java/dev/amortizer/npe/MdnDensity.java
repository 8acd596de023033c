package dev.amortizer.npe;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.npe.mdn.DenseForward;
import dev.amortizer.npe.mdn.MixtureDensity;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureSampler;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The MDN's q(z | c): a DL4J network trained to give the mixture parameters, evaluated for queries by a plain-Java copy of
 * its forward pass (6–10 µs against 170–250 µs for {@code network.output}). Its weights are data only: per layer the
 * weight matrix and the bias as {@link ParameterBytes}, the architecture coming from the {@link NpeConfig}. (Model
 * files of formats 1 to 4 held DL4J's network zip instead; their reader turns it into these arrays.)
 */
final class MdnDensity implements StandardizedDensity {
    private final MixtureLayout layout;
    private final DenseForward forward;

    private MdnDensity(MixtureLayout layout, DenseForward forward) {
        this.layout = layout;
        this.forward = forward;
    }

    /** Wraps a freshly trained network. */
    static MdnDensity of(NpeConfig config, int thetaDim, int xDim, MultiLayerNetwork network) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        DenseForward forward = DenseForward.of(network, config.activation());
        if (!widths(forward).equals(widths(config, layout, xDim))) {
            throw new IllegalArgumentException("the network has widths " + widths(forward) + "; the task and config"
                    + " need " + widths(config, layout, xDim));
        }
        return new MdnDensity(layout, forward);
    }

    /** Reads {@link #weights()} bytes; a mismatch with the config is named. */
    static MdnDensity restore(NpeConfig config, int thetaDim, int xDim, byte[] bytes) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        List<Integer> widths = widths(config, layout, xDim);
        return new MdnDensity(layout, DenseForward.of(ParameterBytes.decode(bytes), widths, config.activation()));
    }

    private static List<Integer> widths(NpeConfig config, MixtureLayout layout, int xDim) {
        List<Integer> widths = new ArrayList<>();
        widths.add(xDim);
        widths.addAll(config.hiddenWidths());
        widths.add(layout.width());
        return widths;
    }

    private static List<Integer> widths(DenseForward forward) {
        List<Integer> widths = new ArrayList<>();
        widths.add(forward.inputDim());
        widths.addAll(forward.hiddenWidths());
        widths.add(forward.outputDim());
        return widths;
    }

    /** The mixture for context c, for drawing one row at a time. */
    MixtureSampler mixture(double[] c) {
        return MixtureSampler.of(layout, forward.apply(c));
    }

    @Override
    public double[][] sample(double[] c, int n, Rng rng) {
        MixtureSampler mixture = mixture(c);
        double[] scratch = new double[layout.dim()];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[layout.dim()];
            mixture.sample(rng, rows[i], scratch);
        }
        return rows;
    }

    @Override
    public double[] logProb(double[][] z, double[][] c) {
        double[] out = new double[z.length];
        for (int r = 0; r < z.length; r++) {
            out[r] = MixtureDensity.logDensity(layout, forward.apply(c[r]), 0, z[r], 0);
        }
        return out;
    }

    /** Per layer the weight matrix (nIn × nOut, row-major) and the bias, as {@link ParameterBytes}. */
    @Override
    public byte[] weights() {
        return ParameterBytes.encode(forward.parameters());
    }
}
