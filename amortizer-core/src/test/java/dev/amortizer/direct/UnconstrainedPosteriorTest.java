package dev.amortizer.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.task.FiniteDifferences;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.UniformBoxPrior;
import org.junit.jupiter.api.Test;

class UnconstrainedPosteriorTest {
    /** log p(x | θ) = −½ Σ (x_j − θ_j²)² / 0.01, with an analytic gradient. */
    private static final LogLikelihood SQUARES = new LogLikelihood() {
        @Override
        public double logLikelihood(double[] theta, double[] x) {
            double s = 0;
            for (int j = 0; j < theta.length; j++) {
                double r = x[j] - theta[j] * theta[j];
                s -= 0.5 * r * r / 0.01;
            }
            return s;
        }

        @Override
        public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
            for (int j = 0; j < theta.length; j++) {
                grad[j] = (x[j] - theta[j] * theta[j]) / 0.01 * 2 * theta[j];
            }
            return logLikelihood(theta, x);
        }

        @Override
        public boolean hasAnalyticGradient() {
            return true;
        }
    };

    @Test
    void gradientInUnconstrainedSpaceMatchesFiniteDifferences() {
        UnconstrainedPosterior target = new UnconstrainedPosterior(UniformBoxPrior.cube(2, -1, 2), SQUARES,
                new double[] {0.5, 1.2});
        double[] u = {0.3, -0.7};
        double[] analytic = new double[2];
        double[] numeric = new double[2];
        double value = target.logDensityAndGradient(u, analytic);
        FiniteDifferences.gradient(target::logDensity, u, numeric);
        assertThat(value).isCloseTo(target.logDensity(u), within(1e-12));
        assertThat(analytic[0]).isCloseTo(numeric[0], within(1e-5 * Math.abs(numeric[0]) + 1e-7));
        assertThat(analytic[1]).isCloseTo(numeric[1], within(1e-5 * Math.abs(numeric[1]) + 1e-7));
    }

    @Test
    void theLogDensityIncludesTheJacobian() {
        UnconstrainedPosterior target = new UnconstrainedPosterior(UniformBoxPrior.cube(1, 0, 1), (t, x) -> 0,
                new double[] {0});
        // θ = σ(u) under a flat prior: π_u(u) = σ(u)(1 − σ(u)), the logistic density
        double u = 0.8;
        double s = 1 / (1 + Math.exp(-u));
        assertThat(target.logDensity(new double[] {u})).isCloseTo(Math.log(s * (1 - s)), within(1e-12));
    }

    @Test
    void countsLikelihoodAndGradientEvaluations() {
        UnconstrainedPosterior analytic = new UnconstrainedPosterior(UniformBoxPrior.cube(2, -1, 2), SQUARES,
                new double[] {0.5, 1.2});
        analytic.logDensity(new double[] {0, 0});
        analytic.logDensityAndGradient(new double[] {0, 0}, new double[2]);
        assertThat(analytic.likelihoodEvaluations()).isEqualTo(2);
        assertThat(analytic.gradientEvaluations()).isEqualTo(1);

        UnconstrainedPosterior numeric = new UnconstrainedPosterior(UniformBoxPrior.cube(2, -1, 2), SQUARES::logLikelihood,
                new double[] {0.5, 1.2});
        numeric.logDensityAndGradient(new double[] {0, 0}, new double[2]);
        assertThat(numeric.likelihoodEvaluations()).isEqualTo(5);
        assertThat(numeric.gradientEvaluations()).isZero();
        assertThat(numeric.copy().likelihoodEvaluations()).isZero();
    }
}
