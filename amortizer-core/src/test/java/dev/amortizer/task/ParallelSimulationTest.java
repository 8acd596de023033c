package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class ParallelSimulationTest {
    /** x = θ + N(0, 1), one coordinate. */
    private final Simulator noisy = new Simulator() {
        @Override
        public int parameterDim() {
            return 1;
        }

        @Override
        public int dataDim() {
            return 1;
        }

        @Override
        public double[] simulate(double[] theta, Rng rng) {
            return new double[] {theta[0] + rng.nextGaussian()};
        }
    };

    @Test
    void theOutputIsTheSameForAnyThreadCount() {
        double[][] theta = new double[1000][];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = new double[] {i};
        }
        double[][] one = ParallelSimulation.simulate(noisy, theta, Rng.seeded(3), 1);
        assertThat(ParallelSimulation.simulate(noisy, theta, Rng.seeded(3), 2)).isDeepEqualTo(one);
        assertThat(ParallelSimulation.simulate(noisy, theta, Rng.seeded(3), 7)).isDeepEqualTo(one);
        assertThat(ParallelSimulation.simulate(noisy, theta, Rng.seeded(4), 2)).isNotEqualTo(one);
        for (int i = 0; i < theta.length; i++) {
            assertThat(Math.abs(one[i][0] - i)).isLessThan(6);
        }
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ParallelSimulation.simulate(noisy, new double[][] {{1}}, Rng.seeded(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> ParallelSimulation.simulate(noisy, new double[][] {{1}, {1, 2}}, Rng.seeded(1), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }
}
