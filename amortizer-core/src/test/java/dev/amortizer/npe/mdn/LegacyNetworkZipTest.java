package dev.amortizer.npe.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class LegacyNetworkZipTest {
    /**
     * The weights read out of a DL4J zip give the network DL4J computes: the layout (matrices column by column, then
     * the bias) checked against DL4J itself, in double and in the float the MDN trained in.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"DOUBLE", "FLOAT"})
    void theWeightsReadGiveTheOutputsDl4jComputes(DataType type) throws IOException {
        List<Integer> widths = List.of(3, 7, 5, 11);
        MultiLayerNetwork net = Dl4jNetworks.create(3, List.of(7, 5), 11, HiddenActivation.TANH, type, 42);
        Mlp mlp = Mlp.ofLayerArrays(LegacyNetworkZip.layerArrays(Dl4jNetworks.zip(net), widths), widths,
                HiddenActivation.TANH);
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        for (double[] x : new double[][] {{0.3, -1.2, 0.7}, {2.0, 0.1, -0.5}, {0, 0, 0}}) {
            double[] expected = net.output(Nd4j.create(new double[][] {x}).castTo(type)).castTo(DataType.DOUBLE)
                    .toDoubleVector();
            assertThat(mlp.forwardRow(x)).containsExactly(expected, within(tolerance));
        }
    }
}
