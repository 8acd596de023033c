package dev.amortizer.direct.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.junit.jupiter.api.Test;

class CholeskyFactorTest {
    private static final double[][] SIGMA = {{4, 1.2, -0.4}, {1.2, 1, 0.3}, {-0.4, 0.3, 0.5}};

    @Test
    void reproducesAPositiveDefiniteCovarianceExactly() {
        double[][] back = CholeskyFactor.of(SIGMA).covariance();

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(back[i][j]).isCloseTo(SIGMA[i][j], within(1e-12));
            }
        }
    }

    @Test
    void perturbationsHaveTheCovariance() {
        CholeskyFactor factor = CholeskyFactor.of(SIGMA);
        Rng rng = Rng.seeded(1);
        double[] center = {1, 2, 3};
        int n = 100_000;
        double[][] cross = new double[3][3];

        for (int k = 0; k < n; k++) {
            double[] x = factor.perturb(center, rng);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    cross[i][j] += (x[i] - center[i]) * (x[j] - center[j]) / n;
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(cross[i][j]).isCloseTo(SIGMA[i][j], within(0.05));
            }
        }
    }

    @Test
    void aSingularCovarianceGetsATinyJitter() {
        double[][] back = CholeskyFactor.of(new double[][] {{1, 1}, {1, 1}}).covariance();

        assertThat(back[0][1]).isCloseTo(1, within(1e-9));
        assertThat(back[1][1]).isCloseTo(1, within(1e-6));
    }

    @Test
    void theZeroMatrixIsAPointMass() {
        CholeskyFactor factor = CholeskyFactor.of(new double[2][2]);

        assertThat(factor.perturb(new double[] {1, 2}, Rng.seeded(1))).containsExactly(1, 2);
    }

    @Test
    void refusesWhatIsNotACovariance() {
        assertThatThrownBy(() -> CholeskyFactor.of(new double[0][0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 x 1");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[][] {{1, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[][] {{1, 0.5}, {0.4, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[][] {{-1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance[0][0] is -1.0");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[][] {{Double.NaN}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covariance[0][0] is NaN");
        assertThatThrownBy(() -> CholeskyFactor.of(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive semi-definite");
        assertThatThrownBy(() -> CholeskyFactor.diagonal(new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sd[1] is Infinity");
        assertThatThrownBy(() -> CholeskyFactor.diagonal(new double[] {1}).perturb(new double[2], Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("center has 2 coordinates");
    }
}
