package dev.amortizer.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianMixtureEmTest {
    /** 0.3·N((−2, 0), 0.25 I) + 0.7·N((2, 1), [[1, 0.5], [0.5, 1]]). */
    private static double trueDensity(double[] z) {
        double a = Math.exp(-0.5 * ((z[0] + 2) * (z[0] + 2) + z[1] * z[1]) / 0.25) / (2 * Math.PI * 0.25);
        double d0 = z[0] - 2;
        double d1 = z[1] - 1;
        double det = 0.75;
        double quad = (d0 * d0 - 2 * 0.5 * d0 * d1 + d1 * d1) / det;
        double b = Math.exp(-0.5 * quad) / (2 * Math.PI * Math.sqrt(det));
        return 0.3 * a + 0.7 * b;
    }

    @Test
    void recoversATwoComponentMixtureFromItsDraws() {
        Rng rng = Rng.seeded(1);
        int n = 20_000;
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            double e0 = rng.nextGaussian();
            double e1 = rng.nextGaussian();
            points[i] = rng.nextDouble() < 0.3
                    ? new double[] {-2 + 0.5 * e0, 0.5 * e1}
                    : new double[] {2 + e0, 1 + 0.5 * e0 + Math.sqrt(0.75) * e1};
        }
        double[] w = new double[n];
        Arrays.fill(w, 1);
        GaussianMixture fit = GaussianMixtureEm.fit(points, w, 2, Rng.seeded(2));
        for (double[] z : new double[][] {{-2, 0}, {2, 1}, {0, 0}, {3, 2.5}, {-2.5, 0.4}}) {
            assertThat(fit.logDensity(z)).as("log q at (%s, %s)", z[0], z[1])
                    .isCloseTo(Math.log(trueDensity(z)), within(0.08));
        }
        double mean0 = 0;
        Rng draws = Rng.seeded(3);
        for (int i = 0; i < n; i++) {
            mean0 += fit.sample(draws)[0] / n;
        }
        assertThat(mean0).isCloseTo(0.3 * -2 + 0.7 * 2, within(0.05));
    }

    @Test
    void badWeightsAreNamed() {
        double[][] points = {{0}, {1}};
        assertThatThrownBy(() -> GaussianMixtureEm.fit(points, new double[] {1, -1}, 1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 1");
        assertThatThrownBy(() -> GaussianMixtureEm.fit(points, new double[] {0, 0}, 1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum");
        assertThatThrownBy(() -> GaussianMixtureEm.fit(points, new double[] {1}, 1, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight per point");
    }
}
