package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.random.Rng;
import dev.amortizer.testing.TestData;
import org.junit.jupiter.api.Test;

class GaussianLinearTest {
    private final GaussianLinear task = new GaussianLinear();

    @Test
    void referenceHasTheAnalyticMomentsOfSbibmsFiles() {
        SbibmData data = TestData.sbibm();
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] x = data.observation(task.name(), k);
            Samples ours = task.referencePosterior().orElseThrow().sample(x, 10_000, Rng.seeded(k));
            Samples theirs = data.reference(task.name(), k);
            double[] m1 = ours.mean();
            double[] m2 = theirs.mean();
            double[] s1 = ours.sd();
            double[] s2 = theirs.sd();
            for (int j = 0; j < 10; j++) {
                // Two means of 10,000 draws with SD 0.224 differ by at most ~5 standard errors (0.016).
                assertThat(m1[j]).as("obs %d mean %d", k, j).isCloseTo(m2[j], within(0.016));
                assertThat(m1[j]).isCloseTo(x[j] / 2, within(0.012));
                assertThat(s1[j]).as("obs %d sd %d", k, j).isCloseTo(s2[j], within(0.012));
            }
        }
    }

    @Test
    void likelihoodMatchesTheSimulatorsGaussian() {
        double[] theta = new double[10];
        double[] x = new double[10];
        x[0] = Math.sqrt(0.1);
        double ll = task.likelihood().orElseThrow().logLikelihood(theta, x);
        double expected = -5 * Math.log(2 * Math.PI * 0.1) - 0.5;
        assertThat(ll).isCloseTo(expected, within(1e-12));
    }
}
