package dev.amortizer.model;

import dev.amortizer.nn.ParameterBytes;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.npe.mdn.LegacyNetworkZip;
import dev.amortizer.npe.mdn.MixtureLayout;
import java.util.ArrayList;
import java.util.List;

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
        List<Integer> widths = new ArrayList<>();
        widths.add(xDim);
        widths.addAll(config.hiddenWidths());
        widths.add(new MixtureLayout(config.components(), thetaDim).width());
        return ParameterBytes.encode(LegacyNetworkZip.layerArrays(zip, widths));
    }
}
