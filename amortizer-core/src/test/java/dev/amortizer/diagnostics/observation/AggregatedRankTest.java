package dev.amortizer.diagnostics.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class AggregatedRankTest {
    private static double[][] draws(int n, int k, Rng rng) {
        double[][] s = new double[n][k];
        for (double[] row : s) {
            double shared = rng.nextGaussian();
            for (int b = 0; b < k; b++) {
                row[b] = shared + 0.5 * rng.nextGaussian(); // dependent statistics, as the bandwidths' are
            }
        }
        return s;
    }

    @Test
    void pValuesOfNullDrawsAreUniform() {
        Rng rng = Rng.seeded(3);
        int trials = 2000;
        int below5 = 0;
        int below20 = 0;
        for (int t = 0; t < trials; t++) {
            double[][] all = draws(101, 4, rng);
            double[][] calibration = java.util.Arrays.copyOf(all, 100);
            double p = new AggregatedRank(calibration).pValue(all[100]);
            assertThat(p).isBetween(1 / 101.0, 1.0);
            below5 += p <= 0.05 ? 1 : 0;
            below20 += p <= 0.2 ? 1 : 0;
        }
        // P(p <= α) <= α exactly; the bounds are 3 binomial standard deviations above it
        assertThat(below5 / (double) trials).isLessThan(0.05 + 3 * Math.sqrt(0.05 * 0.95 / trials));
        assertThat(below20 / (double) trials).isBetween(0.2 - 3 * Math.sqrt(0.16 / trials), 0.2 + 3 * Math.sqrt(0.16 / trials));
    }

    @Test
    void aPointBeyondEveryCalibrationValueGetsTheSmallestPValue() {
        double[][] calibration = draws(99, 3, Rng.seeded(4));
        assertThat(new AggregatedRank(calibration).pValue(new double[] {100, 100, 100})).isEqualTo(1 / 100.0);
        assertThat(new AggregatedRank(calibration).pValue(new double[] {-100, -100, -100})).isEqualTo(1.0);
    }

    @Test
    void oneExtremeStatisticIsEnough() {
        double[][] calibration = draws(199, 3, Rng.seeded(5));
        assertThat(new AggregatedRank(calibration).pValue(new double[] {0, 100, 0})).isLessThan(0.05);
    }
}
