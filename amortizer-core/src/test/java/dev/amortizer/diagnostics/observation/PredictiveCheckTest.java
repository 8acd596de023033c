package dev.amortizer.diagnostics.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class PredictiveCheckTest {
    private static double[][] gaussianRows(int n, int d, Rng rng) {
        double[][] rows = new double[n][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                r[i] = rng.nextGaussian();
            }
        }
        return rows;
    }

    @Test
    void anObservationAtTheCentreIsReproduced() {
        Predictive p = PredictiveCheck.of(gaussianRows(1000, 3, Rng.seeded(1)), new double[] {0, 0, 0}, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(p.quantiles()[i]).isCloseTo(0.5, within(0.06));
            assertThat(p.pValues()[i]).isGreaterThan(0.8);
        }
        assertThat(p.overallPValue()).isGreaterThan(0.9);
        assertThat(p.simulations()).isEqualTo(1000);
    }

    @Test
    void anObservationBeyondEverySimulationGetsTheSmallestPValues() {
        Predictive p = PredictiveCheck.of(gaussianRows(499, 2, Rng.seeded(2)), new double[] {0, 20}, 3);
        assertThat(p.quantiles()[1]).isEqualTo(1.0);
        assertThat(p.pValues()[1]).isEqualTo(2 / 500.0);
        assertThat(p.overallPValue()).isEqualTo(1 / 500.0);
        assertThat(p.dropped()).isEqualTo(3);
    }

    @Test
    void overallPValueIsUniformWhenTheObservationIsOneMoreDraw() {
        Rng rng = Rng.seeded(3);
        int trials = 1000;
        int below = 0;
        for (int t = 0; t < trials; t++) {
            double[][] rows = gaussianRows(100, 4, rng);
            double[] x = gaussianRows(1, 4, rng)[0];
            below += PredictiveCheck.of(rows, x, 0).overallPValue() <= 0.1 ? 1 : 0;
        }
        assertThat(below / (double) trials).isBetween(0.1 - 3 * Math.sqrt(0.09 / trials), 0.1 + 3 * Math.sqrt(0.09 / trials));
    }
}
