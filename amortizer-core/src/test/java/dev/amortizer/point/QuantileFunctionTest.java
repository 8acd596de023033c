package dev.amortizer.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QuantileFunctionTest {
    @Test
    void passesThroughTheLearnedQuantilesAndIsIncreasing() {
        double[] levels = {0.05, 0.25, 0.5, 0.75, 0.95};
        double[] values = {-2, -0.5, 0.1, 0.9, 3};
        QuantileFunction q = new QuantileFunction(levels, values);
        for (int k = 0; k < levels.length; k++) {
            assertThat(q.at(levels[k])).isCloseTo(values[k], within(1e-12));
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (double u = 1e-6; u < 1; u += 0.001) {
            double v = q.at(u);
            assertThat(v).isGreaterThan(previous);
            previous = v;
        }
    }

    @Test
    void gaussianQuantilesGiveAGaussianTail() {
        double[] levels = {0.1, 0.5, 0.9};
        double z90 = QuantileFunction.probit(0.9);
        QuantileFunction q = new QuantileFunction(levels, new double[] {1 - 2 * z90, 1, 1 + 2 * z90});
        assertThat(q.at(0.999)).isCloseTo(1 + 2 * QuantileFunction.probit(0.999), within(1e-9));
        assertThat(q.at(0.001)).isCloseTo(1 + 2 * QuantileFunction.probit(0.001), within(1e-9));
    }
}
