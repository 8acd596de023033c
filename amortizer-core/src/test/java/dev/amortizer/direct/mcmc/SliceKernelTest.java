package dev.amortizer.direct.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class SliceKernelTest {
    /** N(0, Σ), Σ = [[1, 0.5], [0.5, 1]]. */
    private static final LogDensity CORRELATED = x -> -(x[0] * x[0] - x[0] * x[1] + x[1] * x[1]) / (2 * 0.75);

    @Test
    void leavesACorrelatedGaussianInvariant() {
        SliceKernel kernel = SliceKernel.of(CORRELATED, new double[] {0.5, 3}, 20);
        Rng rng = Rng.seeded(1);
        ChainState state = kernel.init(new double[] {2, 2});
        int n = 40_000;
        double[] sum = new double[2];
        double[] squares = new double[2];
        double cross = 0;
        for (int i = 0; i < n; i++) {
            state = kernel.step(rng, state).state();
            double[] x = state.position();
            for (int j = 0; j < 2; j++) {
                sum[j] += x[j];
                squares[j] += x[j] * x[j];
            }
            cross += x[0] * x[1];
        }
        assertThat(sum[0] / n).isCloseTo(0, within(0.04));
        assertThat(sum[1] / n).isCloseTo(0, within(0.04));
        assertThat(squares[0] / n).isCloseTo(1, within(0.05));
        assertThat(squares[1] / n).isCloseTo(1, within(0.05));
        assertThat(cross / n).isCloseTo(0.5, within(0.05));
    }

    @Test
    void samplesAUniformIntervalWithHardEdges() {
        LogDensity box = x -> x[0] > -1 && x[0] < 3 ? 0 : Double.NEGATIVE_INFINITY;
        SliceKernel kernel = SliceKernel.of(box, new double[] {0.3}, 50);
        Rng rng = Rng.seeded(2);
        ChainState state = kernel.init(new double[] {0});
        int n = 20_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            state = kernel.step(rng, state).state();
            double x = state.position()[0];
            assertThat(x).isStrictlyBetween(-1.0, 3.0);
            sum += x;
            squares += x * x;
        }
        assertThat(sum / n).isCloseTo(1, within(0.04));
        assertThat(squares / n - 1).isCloseTo(16 / 12.0, within(0.06));
    }

    @Test
    void theSameGeneratorGivesTheSameChain() {
        SliceKernel kernel = SliceKernel.of(CORRELATED, new double[] {1, 1}, 10);
        ChainState a = kernel.init(new double[] {0, 0});
        ChainState b = kernel.init(new double[] {0, 0});
        ChainState c = kernel.init(new double[] {0, 0});
        Rng first = Rng.seeded(3);
        Rng second = Rng.seeded(3);
        Rng third = Rng.seeded(4);
        for (int i = 0; i < 50; i++) {
            a = kernel.step(first, a).state();
            b = kernel.step(second, b).state();
            c = kernel.step(third, c).state();
        }
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> SliceKernel.of(CORRELATED, new double[] {1, 0}, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("widths[1] is 0.0");
        assertThatThrownBy(() -> SliceKernel.of(CORRELATED, new double[] {1, 1}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSteps is 0");
        assertThatThrownBy(() -> SliceKernel.of(CORRELATED, new double[] {1, 1}, 5).init(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 coordinates");
    }
}
