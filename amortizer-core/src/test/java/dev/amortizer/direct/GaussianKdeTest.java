package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class GaussianKdeTest {
    @Test
    void scottsFactorShrinksWithTheNumberOfPointsAndTheDimension() {
        assertThat(GaussianKde.scott(new double[100][2], 2).factor()).isCloseTo(Math.pow(100, -1.0 / 6), within(1e-15));
        assertThat(GaussianKde.scott(new double[1000][5], 5).factor()).isCloseTo(Math.pow(1000, -1.0 / 9), within(1e-15));
    }

    @Test
    void drawsHaveThePointsMeanAndAnInflatedCovariance() {
        Rng source = Rng.seeded(1);
        double[][] points = new double[200][];
        for (int i = 0; i < points.length; i++) {
            double z = source.nextGaussian();
            points[i] = new double[] {1 + z, -2 + 0.5 * z + 0.5 * source.nextGaussian()};
        }
        GaussianKde kde = GaussianKde.scott(points, 2);
        double[][] sample = new double[100_000][];
        Rng rng = Rng.seeded(2);
        for (int i = 0; i < sample.length; i++) {
            sample[i] = kde.sample(rng);
        }

        double[][] expected = Covariances.sample(points, 2);
        double[][] actual = Covariances.sample(sample, 2);
        double inflation = 1 + kde.factor() * kde.factor();
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertThat(actual[a][b]).isCloseTo(inflation * expected[a][b], within(0.03));
            }
        }
    }

    @Test
    void onePointIsAPointMassAndNoPointsAreRefused() {
        GaussianKde single = GaussianKde.scott(new double[][] {{3, 4}}, 2);

        assertThat(single.sample(Rng.seeded(1))).containsExactly(3, 4);
        assertThatThrownBy(() -> GaussianKde.scott(new double[0][], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one point");
    }
}
