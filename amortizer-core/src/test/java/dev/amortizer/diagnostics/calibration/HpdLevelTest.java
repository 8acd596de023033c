package dev.amortizer.diagnostics.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class HpdLevelTest {
    @Test
    void densityLevelIsTheRandomisedShareOfDenserDraws() {
        double[] logDraws = {0, -1, -2, -3};
        // θ* denser than every draw: level in [0, 1/5); less dense than all: in [4/5, 1)
        assertThat(HpdLevel.fromDensities(1, logDraws, Rng.seeded(1))).isBetween(0.0, 0.2);
        assertThat(HpdLevel.fromDensities(-9, logDraws, Rng.seeded(1))).isBetween(0.8, 1.0);
    }

    @Test
    void kdeLevelIsUniformForExchangeablePointsAndSmallForACentralTruth() {
        Rng rng = Rng.seeded(3);
        double[] levels = new double[400];
        for (int n = 0; n < levels.length; n++) {
            double[][] draws = new double[50][2];
            for (double[] d : draws) {
                d[0] = rng.nextGaussian();
                d[1] = rng.nextGaussian();
            }
            levels[n] = HpdLevel.fromKde(new double[] {rng.nextGaussian(), rng.nextGaussian()}, draws, rng);
        }
        assertThat(UniformityTests.ks(levels)).isGreaterThan(0.05);
        double[][] draws = new double[50][2];
        for (double[] d : draws) {
            d[0] = rng.nextGaussian();
            d[1] = rng.nextGaussian();
        }
        assertThat(HpdLevel.fromKde(new double[] {0, 0}, draws, rng)).isLessThan(0.2);
        assertThat(HpdLevel.fromKde(new double[] {4, 4}, draws, rng)).isGreaterThan(0.9);
    }
}
