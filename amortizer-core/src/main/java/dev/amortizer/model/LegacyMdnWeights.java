package dev.amortizer.model;

import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.mdn.DenseForward;
import dev.amortizer.npe.mdn.LegacyNetworkZip;
import dev.amortizer.npe.mdn.MdnNetworks;
import dev.amortizer.npe.mdn.MixtureLayout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * An MDN's weights as formats 1 to 4 stored them, DL4J's {@code ModelSerializer} zip, turned into the per-layer
 * arrays of the current format, so that the posterior reads one layout only. The zip is read as data only
 * ({@link LegacyNetworkZip}: its configuration as JSON, its coefficients after their header is checked).
 */
final class LegacyMdnWeights {
    private LegacyMdnWeights() {
    }

    /** Whether {@code weights} are such a zip rather than the current arrays. */
    static boolean isLegacy(byte[] weights) {
        return LegacyNetworkZip.isZip(weights);
    }

    /** The current weights bytes of the network the zip holds, for this config and these dimensions. */
    static byte[] upgrade(NpeConfig config, int thetaDim, int xDim, byte[] zip) {
        MixtureLayout layout = new MixtureLayout(config.components(), thetaDim);
        List<Integer> widths = new ArrayList<>();
        widths.add(xDim);
        widths.addAll(config.hiddenWidths());
        widths.add(layout.width());
        long parameters = 0;
        for (int l = 0; l + 1 < widths.size(); l++) {
            parameters += (long) widths.get(l) * widths.get(l + 1) + widths.get(l + 1);
        }
        // the coefficients are checked to hold exactly this many values before the network is built
        var params = LegacyNetworkZip.coefficients(zip, widths, parameters);
        MultiLayerNetwork network = MdnNetworks.create(xDim, config.hiddenWidths(), config.activation(), layout,
                config.schedule().learningRate(), config.schedule().gradientClip(), 0);
        if (network.numParams() != parameters) {
            throw new IllegalStateException("DL4J counts " + network.numParams() + " parameters in a network of"
                    + " widths " + widths + ", expected " + parameters);
        }
        network.setParams(params.castTo(network.params().dataType()).reshape(network.params().shape()));
        return ParameterBytes.encode(DenseForward.of(network, config.activation()).parameters());
    }
}
