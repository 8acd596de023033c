package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FMPE learns the Gaussian posterior of a correlated linear-Gaussian model, as a sampler and as a density. */
class FmpeTest {
    private static final TestTasks.LinearGaussian TASK =
            new TestTasks.LinearGaussian(new double[][] {{1, 0.8}, {0, 1}}, 0.5);
    private static NpePosterior posterior;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        NpeConfig config = NpeConfig.defaults(Estimator.FMPE).withHidden(List.of(32, 32), HiddenActivation.TANH)
                .withEpochs(120, 20);
        posterior = new Npe(config).train(TASK, 4000, Rng.seeded(1), new CostMeter());
    }

    /** Tolerances as NpeLinearGaussianTest's: estimation error at a few thousand simulations, not ODE error. */
    @Test
    void drawsHaveTheAnalyticPosteriorMeanAndCovariance() {
        double[][] cov = TASK.posteriorCovariance();
        for (double[] x : new double[][] {{0, 0}, {1, -0.5}}) {
            Samples s = posterior.sample(x, 10_000, Rng.seeded(4));
            double[] mean = s.mean();
            double[] expected = TASK.posteriorMean(x);
            for (int i = 0; i < 2; i++) {
                assertThat(mean[i]).isCloseTo(expected[i], within(0.15 * Math.sqrt(cov[i][i])));
                for (int j = 0; j < 2; j++) {
                    double c = 0;
                    for (int r = 0; r < s.size(); r++) {
                        c += (s.get(r, i) - mean[i]) * (s.get(r, j) - mean[j]);
                    }
                    assertThat(c / (s.size() - 1)).isCloseTo(cov[i][j],
                            within(0.25 * Math.sqrt(cov[i][i] * cov[j][j])));
                }
            }
        }
    }

    /**
     * log q (the density of the 20-step draws) agrees with the exact Gaussian log-density near the bulk: 0.23 nats
     * off at worst with seed 1, as the divergence integral it replaced was (0.22). FMPE is not confined to the
     * Gaussian family, as the one-component MDN of NpeLinearGaussianTest is, so it gets a wider tolerance.
     */
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
            assertThat(posterior.logDensity(theta, x)).isCloseTo(exact, within(0.3));
        }
    }

    @Test
    void drawsAreReproducibleFromTheSeedAndSurviveAModelFile() throws Exception {
        double[] x = {0.2, -0.1};
        double[][] first = posterior.sample(x, 1500, Rng.seeded(9)).toArray();
        assertThat(posterior.sample(x, 1500, Rng.seeded(9)).toArray()).isDeepEqualTo(first);
        assertThat(posterior.sample(x, 1500, Rng.seeded(10)).toArray()).isNotEqualTo(first);
        Path file = dir.resolve("fmpe.zip");
        dev.amortizer.model.ModelFile.save(posterior, file);
        NpePosterior back = dev.amortizer.model.ModelFile.load(file, name -> TASK);
        assertThat(back.config()).isEqualTo(posterior.config());
        assertThat(back.sample(x, 1500, Rng.seeded(9)).toArray()).isDeepEqualTo(first);
        double[][] theta = {{0.1, 0.2}, {-0.5, 0.3}};
        double[][] xs = {x, x};
        assertThat(back.logDensity(theta, xs)).containsExactly(posterior.logDensity(theta, xs));
    }

    @Test
    void theValidationLossIsTheHeldOutNegativeLogDensityInThetasUnits() {
        // the exact posterior's entropy bounds the expected −log q from below: ½ log((2πe)² det C)
        double[][] c = TASK.posteriorCovariance();
        double entropy = Math.log(2 * Math.PI * Math.E) + 0.5 * Math.log(c[0][0] * c[1][1] - c[0][1] * c[0][1]);
        assertThat(posterior.provenance().validationLoss()).isCloseTo(entropy, within(0.15));
    }
}
