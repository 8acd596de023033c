package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FiniteDifferences;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import org.junit.jupiter.api.Test;

class TwoMoonsTest {
    private final Task task = new TwoMoons();

    @Test
    void analyticGradientMatchesFiniteDifferences() {
        LogLikelihood likelihood = task.likelihood().orElseThrow();
        assertThat(likelihood.hasAnalyticGradient()).isTrue();
        Rng rng = Rng.seeded(11);
        int checked = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = {rng.nextUniform(-1, 1), rng.nextUniform(-1, 1)};
            double[] x = task.simulator().simulate(new double[] {rng.nextUniform(-1, 1), rng.nextUniform(-1, 1)}, rng);
            double[] analytic = new double[2];
            double[] numeric = new double[2];
            double value = likelihood.logLikelihoodAndGradient(theta, x, analytic);
            double reference = FiniteDifferences.gradient(t -> TwoMoons.logLikelihood(t, x), theta, numeric);
            assertThat(value).isEqualTo(reference);
            if (Double.isFinite(value) && Math.abs(theta[0] + theta[1]) > 1e-3) {
                for (int i = 0; i < 2; i++) {
                    assertThat(analytic[i]).isCloseTo(numeric[i], within(1e-4 * Math.max(1, Math.abs(numeric[i]))));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void gradientIsZeroWhereTheLikelihoodIsZero() {
        double[] grad = {7, 7};
        double value = TwoMoons.logLikelihoodAndGradient(new double[] {0.1, 0.1}, new double[] {-0.9, 0}, grad);
        assertThat(value).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(grad).containsExactly(0, 0);
    }

    @Test
    void likelihoodIsANormalisedDensityOverX() {
        double[] theta = {0.3, -0.2};
        double h = 0.0005;
        double total = 0;
        for (double x1 = -1.2; x1 < 1.2; x1 += h) {
            for (double x2 = -1.2; x2 < 1.2; x2 += h) {
                total += Math.exp(TwoMoons.logLikelihood(theta, new double[] {x1, x2})) * h * h;
            }
        }
        assertThat(total).isCloseTo(1.0, within(0.01));
    }

    @Test
    void simulatorAgreesWithLikelihood() {
        double[] theta = {-0.4, 0.7};
        Rng rng = Rng.seeded(5);
        double meanLogLik = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            double[] x = task.simulator().simulate(theta, rng);
            double ll = TwoMoons.logLikelihood(theta, x);
            assertThat(ll).isFinite();
            meanLogLik += ll / n;
        }
        // E[log p(x|θ)] = −entropy: the radius term gives −(½ log(2πe σ²)), the angle log(1/π) − E log ρ.
        double expected = -0.5 * Math.log(2 * Math.PI * Math.E * 1e-4) - Math.log(Math.PI) - Math.log(0.1);
        assertThat(meanLogLik).isCloseTo(expected, within(0.02));
    }

    @Test
    void referenceDrawsStayInThePriorBoxAndSplitBetweenTwoModes() {
        double[] x = {0.0, 0.1};
        var draws = task.referencePosterior().orElseThrow().sample(x, 20_000, Rng.seeded(3));
        int positive = 0;
        for (int i = 0; i < draws.size(); i++) {
            double[] t = draws.row(i);
            assertThat(task.prior().support().contains(t)).isTrue();
            assertThat(TwoMoons.logLikelihood(t, x)).isFinite();
            if (t[0] + t[1] > 0) {
                positive++;
            }
        }
        assertThat(positive / 20_000.0).isCloseTo(0.5, within(0.02));
    }
}
