package dev.amortizer.npe;

import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.npe.mdn.MixtureDensity;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNetwork;
import dev.amortizer.npe.mdn.MixtureSampler;
import dev.amortizer.random.Rng;
import java.util.List;

/**
 * The MDN's q(z | c): a {@link MixtureNetwork} giving the mixture's parameters for c, never changed once built, so
 * queries need no locks. Its weights are data only: per layer the weight matrix and the bias, then any mean shift, as
 * {@link ParameterBytes} ({@link MixtureNetwork#arrays()}), the architecture coming from the {@link NpeConfig}. (Model files of formats 1 to 4
 * held DL4J's network zip instead; their reader turns it into these arrays.)
 */
final class MdnDensity implements StandardizedDensity {
    private final MixtureLayout layout;
    private final MixtureNetwork network;

    private MdnDensity(MixtureNetwork network) {
        this.layout = network.layout();
        this.network = network;
    }

    /** Wraps a freshly trained network, which no one may train further. */
    static MdnDensity of(NpeConfig config, int thetaDim, int xDim, MixtureNetwork network) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        List<Integer> widths = MdnTrainer.widths(config, layout, xDim);
        if (!network.mlp().widths().equals(widths) || network.shifted() != config.meanShift()) {
            throw new IllegalArgumentException("the network has widths " + network.mlp().widths()
                    + (network.shifted() ? " and a mean shift" : "") + "; the task and config need " + widths
                    + (config.meanShift() ? " and a mean shift" : ""));
        }
        return new MdnDensity(network);
    }

    /** Reads {@link #weights()} bytes; a mismatch with the config is named. */
    static MdnDensity restore(NpeConfig config, int thetaDim, int xDim, byte[] bytes) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        return new MdnDensity(MixtureNetwork.ofArrays(ParameterBytes.decode(bytes),
                MdnTrainer.widths(config, layout, xDim), config.activation(), layout, config.meanShift()));
    }

    private double[] mixtureRow(double[] c) {
        if (c.length != network.mlp().inputDim()) {
            throw new IllegalArgumentException("expected " + network.mlp().inputDim() + " inputs, got " + c.length);
        }
        return network.row(c);
    }

    /** The mixture for context c, for drawing one row at a time. */
    MixtureSampler mixture(double[] c) {
        return MixtureSampler.of(layout, mixtureRow(c));
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
            out[r] = MixtureDensity.logDensity(layout, mixtureRow(c[r]), 0, z[r], 0);
        }
        return out;
    }

    /**
     * Per layer the weight matrix (nIn × nOut, row-major) and the bias, then the mean shift's A and b where the
     * config has one, as {@link ParameterBytes}.
     */
    @Override
    public byte[] weights() {
        return ParameterBytes.encode(network.arrays());
    }
}
