package dev.amortizer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class NewPriorsTest {
    private final double[][] precision = {{2, 0.5, 0}, {0.5, 1, 0.3}, {0, 0.3, 3}};

    @Test
    void multivariateNormalDensityDrawsAndGradientAgreeWithCommonsMath() {
        double[] mean = {1, -1, 0.5};
        MultivariateNormalPrior prior = new MultivariateNormalPrior(mean, precision);
        double[][] cov = MatrixUtils.inverse(MatrixUtils.createRealMatrix(precision)).getData();
        MultivariateNormalDistribution reference = new MultivariateNormalDistribution(mean, cov);
        double[] theta = {0.3, 0.2, -0.4};
        assertThat(prior.logDensity(theta)).isCloseTo(Math.log(reference.density(theta)), within(1e-10));
        double[] grad = new double[3];
        double[] fd = new double[3];
        prior.logDensityAndGradient(theta, grad);
        FiniteDifferences.gradient(prior::logDensity, theta, fd);
        assertThat(grad).containsExactly(fd, within(1e-6));
        int n = 100_000;
        double[][] c = new double[3][3];
        Rng rng = Rng.seeded(1);
        for (int i = 0; i < n; i++) {
            double[] x = prior.sample(rng);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    c[a][b] += (x[a] - mean[a]) * (x[b] - mean[b]) / n;
                }
            }
        }
        for (int a = 0; a < 3; a++) {
            assertThat(c[a]).containsExactly(cov[a], within(0.01));
        }
        assertThatThrownBy(() -> new MultivariateNormalPrior(new double[2], new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive definite");
    }

    @Test
    void logNormalDensityAndGradientAgreeWithCommonsMath() {
        LogNormalPrior prior = new LogNormalPrior(new double[] {Math.log(0.4), -3}, new double[] {0.5, 0.2});
        double[] theta = {0.5, 0.06};
        double expected = new LogNormalDistribution(Math.log(0.4), 0.5).logDensity(0.5)
                + new LogNormalDistribution(-3, 0.2).logDensity(0.06);
        assertThat(prior.logDensity(theta)).isCloseTo(expected, within(1e-10));
        assertThat(prior.logDensity(new double[] {-1, 0.06})).isEqualTo(Double.NEGATIVE_INFINITY);
        double[] grad = new double[2];
        double[] fd = new double[2];
        prior.logDensityAndGradient(theta, grad);
        FiniteDifferences.gradient(prior::logDensity, theta, fd);
        assertThat(grad).containsExactly(fd, within(1e-4));
        assertThatThrownBy(() -> new LogNormalPrior(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma");
    }
}
