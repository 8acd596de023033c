package dev.amortizer.npe.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.nn.ConditionalRows;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.Mlp;
import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureNetworkTest {
    private static final MixtureLayout LAYOUT = new MixtureLayout(3, 2);

    private static Mlp mlp() {
        return Mlp.create(3, List.of(8), LAYOUT.width(), HiddenActivation.TANH, null, false, Rng.seeded(1));
    }

    @Test
    void withoutAShiftTheRowsAreTheMlpsOutputs() {
        MixtureNetwork net = MixtureNetwork.of(mlp(), LAYOUT, false);
        double[] x = {0.3, -1.2, 0.7};
        assertThat(net.row(x)).containsExactly(mlp().forwardRow(x));
        net.fitShift(each -> {
            throw new AssertionError("a network without a shift reads no rows");
        });
        assertThat(net.row(x)).containsExactly(mlp().forwardRow(x));
        assertThat(net.parameters()).hasSize(mlp().parameters().size());
    }

    @Test
    void theShiftStartsAtTheRegressionAndMovesEveryMeanAlike() {
        Rng rng = Rng.seeded(2);
        int n = 500;
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        for (int r = 0; r < n; r++) {
            x[r] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
            theta[r] = new double[] {2 * x[r][0] - x[r][2] + 0.5, -x[r][1] - 1};
        }
        MixtureNetwork net = MixtureNetwork.of(mlp(), LAYOUT, true);
        net.fitShift(ConditionalRows.of(theta, x));
        double[] probe = {0.4, 0.1, -0.9};
        double[] plain = mlp().forwardRow(probe);
        double[] shifted = net.row(probe);
        double[] expected = {2 * 0.4 + 0.9 + 0.5, -0.1 - 1};
        for (int k = 0; k < LAYOUT.components(); k++) {
            for (int i = 0; i < 2; i++) {
                assertThat(shifted[LAYOUT.mean(k, i)] - plain[LAYOUT.mean(k, i)]).isCloseTo(expected[i], within(1e-5)); // the ridge shrinks a little
            }
            assertThat(shifted[LAYOUT.logit(k)]).isEqualTo(plain[LAYOUT.logit(k)]);
            assertThat(shifted[LAYOUT.logDiagonal(k, 0)]).isEqualTo(plain[LAYOUT.logDiagonal(k, 0)]);
        }
        MixtureNetwork copy = MixtureNetwork.ofArrays(net.arrays(), mlp().widths(), HiddenActivation.TANH, LAYOUT,
                true);
        assertThat(copy.row(probe)).containsExactly(shifted);
    }

    @Test
    void arraysThatDoNotFitTheShiftAreNamed() {
        List<double[]> plain = mlp().layerArrays();
        assertThatThrownBy(() -> MixtureNetwork.ofArrays(plain, mlp().widths(), HiddenActivation.TANH, LAYOUT, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean shift need");
        List<double[]> shortShift = new ArrayList<>(plain);
        shortShift.add(new double[5]);
        shortShift.add(new double[2]);
        assertThatThrownBy(() -> MixtureNetwork.ofArrays(shortShift, mlp().widths(), HiddenActivation.TANH, LAYOUT,
                true)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 6 and 2");
    }
}
