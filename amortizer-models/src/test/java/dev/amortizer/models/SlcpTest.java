package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.data.SbibmData;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.testing.TestData;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.junit.jupiter.api.Test;

class SlcpTest {
    private final Slcp task = new Slcp();
    private final double[] theta = {0.7, -1.2, 1.1, -0.9, 0.8};

    @Test
    void likelihoodIsTheProductOfFourBivariateNormals() {
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        double[][] cov = {{s1 * s1 + 1e-6, rho * s1 * s2}, {rho * s1 * s2, s2 * s2 + 1e-6}};
        MultivariateNormalDistribution n = new MultivariateNormalDistribution(new double[] {theta[0], theta[1]}, cov);
        double[] x = task.simulator().simulate(theta, Rng.seeded(3));
        double expected = 0;
        for (int j = 0; j < 4; j++) {
            expected += Math.log(n.density(new double[] {x[2 * j], x[2 * j + 1]}));
        }
        assertThat(task.likelihood().orElseThrow().logLikelihood(theta, x)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void simulatorDrawsHaveTheModelsMomentsInEachOfTheFourSlots() {
        int n = 40_000;
        double[][] xs = task.simulator().simulate(repeat(theta, n), Rng.seeded(5));
        double s1 = theta[2] * theta[2];
        double s2 = theta[3] * theta[3];
        double rho = Math.tanh(theta[4]);
        for (int j = 0; j < 4; j++) {
            double m1 = 0;
            double m2 = 0;
            double c11 = 0;
            double c12 = 0;
            double c22 = 0;
            for (double[] x : xs) {
                m1 += x[2 * j] / n;
                m2 += x[2 * j + 1] / n;
            }
            for (double[] x : xs) {
                double a = x[2 * j] - m1;
                double b = x[2 * j + 1] - m2;
                c11 += a * a / n;
                c12 += a * b / n;
                c22 += b * b / n;
            }
            assertThat(m1).isCloseTo(theta[0], within(0.02));
            assertThat(m2).isCloseTo(theta[1], within(0.02));
            assertThat(Math.sqrt(c11)).isCloseTo(s1, within(0.02));
            assertThat(Math.sqrt(c22)).isCloseTo(s2, within(0.02));
            assertThat(c12 / Math.sqrt(c11 * c22)).isCloseTo(rho, within(0.02));
        }
    }

    @Test
    void sbibmsTrueParametersExplainTheirObservationsBetterThanPriorDraws() {
        SbibmData data = TestData.sbibm();
        LogLikelihood ll = task.likelihood().orElseThrow();
        Rng rng = Rng.seeded(9);
        for (int k = 1; k <= SbibmData.OBSERVATIONS; k++) {
            double[] x = data.observation(task.name(), k);
            double atTruth = ll.logLikelihood(data.trueParameters(task.name(), k), x);
            int beaten = 0;
            for (int i = 0; i < 1000; i++) {
                beaten += ll.logLikelihood(task.prior().sample(rng), x) > atTruth ? 1 : 0;
            }
            assertThat(beaten).as("obs %d: prior draws beating the true θ", k).isLessThan(10);
            Samples ref = data.reference(task.name(), k);
            assertThat(ref.dim()).isEqualTo(5);
        }
    }

    private static double[][] repeat(double[] row, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = row;
        }
        return out;
    }
}
