package dev.amortizer.npe.mdn;

import dev.amortizer.nn.HiddenActivation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.factory.Nd4j;

class DenseForwardTest {
    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void matchesTheNetworkOutput(HiddenActivation activation) {
        MixtureLayout layout = new MixtureLayout(4, 3);
        MultiLayerNetwork net = MdnNetworks.create(5, List.of(16, 8), activation, layout, 1e-3, 5, 42);
        DenseForward forward = DenseForward.of(net, activation);
        assertThat(forward.inputDim()).isEqualTo(5);
        assertThat(forward.outputDim()).isEqualTo(layout.width());
        assertThat(forward.hiddenWidths()).containsExactly(16, 8);
        Rng rng = Rng.seeded(1);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[5];
            for (int i = 0; i < 5; i++) {
                x[i] = rng.nextGaussian();
            }
            double[] expected = net.output(Nd4j.create(new double[][] {x}).castTo(MdnNetworks.DATA_TYPE))
                    .toDoubleMatrix()[0];
            double[] actual = forward.apply(x);
            for (int j = 0; j < expected.length; j++) {
                // The network runs in float; the Java pass in double on the same weights.
                assertThat(actual[j]).isCloseTo(expected[j], within(1e-5 + 1e-5 * Math.abs(expected[j])));
            }
        }
        assertThatThrownBy(() -> forward.apply(new double[4])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 5 inputs, got 4");
    }

    @org.junit.jupiter.api.Test
    void weightsSetFromParametersComeBackAsGivenAndGiveTheSameOutput() {
        MixtureLayout layout = new MixtureLayout(2, 2);
        MultiLayerNetwork source = MdnNetworks.create(3, List.of(8, 4), HiddenActivation.TANH, layout, 1e-3, 5, 1);
        MultiLayerNetwork target = MdnNetworks.create(3, List.of(8, 4), HiddenActivation.TANH, layout, 1e-3, 5, 2);
        List<double[]> given = DenseForward.of(source, HiddenActivation.TANH).parameters();
        MdnNetworks.setWeights(target, given);
        List<double[]> back = DenseForward.of(target, HiddenActivation.TANH).parameters();
        for (int k = 0; k < given.size(); k++) {
            assertThat(back.get(k)).containsExactly(given.get(k));
        }
        var x = Nd4j.create(new double[][] {{0.3, -1.2, 0.7}}).castTo(MdnNetworks.DATA_TYPE);
        assertThat(target.output(x).toDoubleVector()).containsExactly(source.output(x).toDoubleVector());
        assertThatThrownBy(() -> MdnNetworks.setWeights(target, given.subList(0, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6");
    }
}
