package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A one-component MDN learns the exact Gaussian posterior of a correlated linear-Gaussian model. */
class NpeLinearGaussianTest {
    private static final TestTasks.LinearGaussian TASK =
            new TestTasks.LinearGaussian(new double[][] {{1, 0.8}, {0, 1}}, 0.5);
    private static NpePosterior posterior;

    @BeforeAll
    static void train() {
        NpeConfig config = NpeConfig.defaults().withComponents(1)
                .withHidden(List.of(32, 32), HiddenActivation.TANH).withEpochs(150, 20).withDecay(0.5, 5);
        posterior = new Npe(config).train(TASK, 6000, Rng.seeded(1), new CostMeter());
    }

    /**
     * Tolerances are estimation error with 6,000 simulations (seeds 1–3: up to 0.11 sd on the mean, 15% on a
     * variance; 21% for seed 1 once each epoch got its own shuffle; 40,000 simulations halve them), yet tight
     * enough to fail a diagonal covariance, whose off-diagonal error would be 0.5√(c₀₀c₁₁).
     */
    @Test
    void recoversTheAnalyticPosteriorMeanAndCovariance() {
        double[][] cov = TASK.posteriorCovariance();
        assertThat(cov[0][1] / Math.sqrt(cov[0][0] * cov[1][1])).as("the posterior is correlated").isLessThan(-0.4);
        for (double[] x : new double[][] {{0, 0}, {1, -0.5}, {-1.5, 1.2}}) {
            Samples s = posterior.sample(x, 20_000, Rng.seeded(4));
            double[] mean = s.mean();
            double[] expected = TASK.posteriorMean(x);
            double[][] empirical = covariance(s, mean);
            for (int i = 0; i < 2; i++) {
                assertThat(mean[i]).as("mean %d at x=%s", i, Arrays.toString(x))
                        .isCloseTo(expected[i], within(0.15 * Math.sqrt(cov[i][i])));
                for (int j = 0; j < 2; j++) {
                    assertThat(empirical[i][j]).as("cov %d%d at x=%s", i, j, Arrays.toString(x))
                            .isCloseTo(cov[i][j], within(0.25 * Math.sqrt(cov[i][i] * cov[j][j])));
                }
            }
        }
    }

    @Test
    void logDensityMatchesTheAnalyticPosterior() {
        double[][] c = TASK.posteriorCovariance();
        double det = c[0][0] * c[1][1] - c[0][1] * c[0][1];
        double[] x = {0.4, -0.3};
        double[] m = TASK.posteriorMean(x);
        for (double[] theta : new double[][] {m, {m[0] + 0.3, m[1]}, {m[0] - 0.2, m[1] + 0.4}}) {
            double d0 = theta[0] - m[0];
            double d1 = theta[1] - m[1];
            double quad = (c[1][1] * d0 * d0 - 2 * c[0][1] * d0 * d1 + c[0][0] * d1 * d1) / det;
            double exact = -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * quad;
            assertThat(posterior.logDensity(theta, x)).isCloseTo(exact, within(0.15));
        }
    }

    private static double[][] covariance(Samples s, double[] mean) {
        double[][] c = new double[2][2];
        for (int r = 0; r < s.size(); r++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    c[i][j] += (s.get(r, i) - mean[i]) * (s.get(r, j) - mean[j]);
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                c[i][j] /= s.size() - 1;
            }
        }
        return c;
    }
}
