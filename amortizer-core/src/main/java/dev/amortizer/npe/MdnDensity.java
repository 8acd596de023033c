package dev.amortizer.npe;

import dev.amortizer.npe.mdn.DenseForward;
import dev.amortizer.npe.mdn.MixtureDensity;
import dev.amortizer.npe.mdn.MixtureLayout;
import dev.amortizer.npe.mdn.MixtureNllLoss;
import dev.amortizer.npe.mdn.MixtureSampler;
import dev.amortizer.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;

/**
 * The MDN's q(z | c): a DL4J network trained to give the mixture parameters, evaluated for queries by a plain-Java copy of
 * its forward pass (6–10 µs against 170–250 µs for {@code network.output}).
 */
final class MdnDensity implements StandardizedDensity {
    private final MixtureLayout layout;
    private final DenseForward forward;
    private final byte[] bytes;

    private MdnDensity(MixtureLayout layout, DenseForward forward, byte[] bytes) {
        this.layout = layout;
        this.forward = forward;
        this.bytes = bytes;
    }

    /** Wraps a freshly trained network. */
    static MdnDensity of(NpeConfig config, int thetaDim, int xDim, MultiLayerNetwork network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checked(config, thetaDim, xDim, network, out.toByteArray());
    }

    /** Reads {@link ModelSerializer#writeModel} bytes; inconsistent parts are an IllegalArgumentException. */
    static MdnDensity restore(NpeConfig config, int thetaDim, int xDim, byte[] bytes) {
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the network weights cannot be read: " + e, e);
        }
        return checked(config, thetaDim, xDim, network, bytes.clone());
    }

    private static MdnDensity checked(NpeConfig config, int thetaDim, int xDim, MultiLayerNetwork network,
                                      byte[] bytes) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        int layers = network.getnLayers();
        if (layers != config.hiddenWidths().size() + 1) {
            throw new IllegalArgumentException("the network has " + layers + " layers; the config's hidden widths "
                    + config.hiddenWidths() + " need " + (config.hiddenWidths().size() + 1));
        }
        for (int l = 0; l < layers; l++) {
            var conf = network.getLayer(l).conf().getLayer();
            var expected = l < layers - 1 ? config.activation().dl4j() : Activation.IDENTITY;
            if (!(conf instanceof BaseLayer base)
                    || !base.getActivationFn().equals(expected.getActivationFunction())) {
                throw new IllegalArgumentException("network layer " + l + " is " + conf + ", expected a dense layer"
                        + " with activation " + expected);
            }
        }
        if (!(network.getLayer(layers - 1).conf().getLayer() instanceof BaseOutputLayer out)
                || !new MixtureNllLoss(layout).equals(out.getLossFn())) {
            throw new IllegalArgumentException("the network's output layer does not compute a " + layout + " mixture");
        }
        DenseForward forward = DenseForward.of(network, config.activation());
        if (forward.inputDim() != xDim || forward.outputDim() != layout.width()
                || !forward.hiddenWidths().equals(config.hiddenWidths())) {
            throw new IllegalArgumentException("the network maps " + forward.inputDim() + " inputs through "
                    + forward.hiddenWidths() + " to " + forward.outputDim() + " outputs; the task and config need "
                    + xDim + " through " + config.hiddenWidths() + " to " + layout.width());
        }
        return new MdnDensity(layout, forward, bytes);
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

    @Override
    public byte[] weights() {
        return bytes.clone();
    }
}
