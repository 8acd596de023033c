package dev.amortizer.npe.mdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.random.Rng;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MixtureDensityTest {
    static double[] randomRow(MixtureLayout layout, Rng rng) {
        double[] raw = new double[layout.width()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 0.7 * rng.nextGaussian();
        }
        return raw;
    }

    /** Σ_k = (U_kᵀU_k)⁻¹, built the slow way. */
    static RealMatrix covariance(MixtureLayout layout, double[] raw, int k) {
        int d = layout.dim();
        RealMatrix u = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            u.setEntry(i, i, Math.exp(MixtureLayout.boundedLogDiagonal(raw[layout.logDiagonal(k, i)])));
            for (int j = i + 1; j < d; j++) {
                u.setEntry(i, j, raw[layout.offDiagonal(k) + layout.pairIndex(i, j)]);
            }
        }
        return MatrixUtils.inverse(u.transpose().multiply(u));
    }

    static double[] means(MixtureLayout layout, double[] raw, int k) {
        double[] m = new double[layout.dim()];
        for (int i = 0; i < m.length; i++) {
            m[i] = raw[layout.mean(k, i)];
        }
        return m;
    }

    static double[] weights(MixtureLayout layout, double[] raw) {
        double[] w = new double[layout.components()];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.exp(raw[layout.logit(k)]);
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** Σ_k w_k N(θ; μ_k, Σ_k) through Commons Math, no shared code with MixtureDensity. */
    static double directLogDensity(MixtureLayout layout, double[] raw, double[] theta) {
        double[] w = weights(layout, raw);
        double p = 0;
        for (int k = 0; k < layout.components(); k++) {
            p += w[k] * new MultivariateNormalDistribution(means(layout, raw, k),
                    covariance(layout, raw, k).getData()).density(theta);
        }
        return Math.log(p);
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,1", "1,2", "3,2", "1,3", "3,3"})
    void logDensityMatchesADirectComputation(int k, int d) {
        MixtureLayout layout = new MixtureLayout(k, d);
        Rng rng = Rng.seeded(100L * k + d);
        for (int trial = 0; trial < 20; trial++) {
            double[] raw = randomRow(layout, rng);
            double[] theta = new double[d];
            for (int i = 0; i < d; i++) {
                theta[i] = rng.nextGaussian();
            }
            assertThat(MixtureDensity.logDensity(layout, raw, 0, theta, 0))
                    .isCloseTo(directLogDensity(layout, raw, theta), within(1e-9));
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,1", "1,2", "3,2", "1,3", "3,3"})
    void gradientMatchesCentralDifferences(int k, int d) {
        MixtureLayout layout = new MixtureLayout(k, d);
        Rng rng = Rng.seeded(7L * k + d);
        for (int trial = 0; trial < 10; trial++) {
            double[] raw = randomRow(layout, rng);
            double[] theta = new double[d];
            for (int i = 0; i < d; i++) {
                theta[i] = rng.nextGaussian();
            }
            double[] grad = new double[layout.width()];
            double value = MixtureDensity.logDensityAndGradient(layout, raw, 0, theta, 0, grad, 0);
            assertThat(value).isEqualTo(MixtureDensity.logDensity(layout, raw, 0, theta, 0));
            double h = 1e-6;
            for (int j = 0; j < raw.length; j++) {
                double keep = raw[j];
                raw[j] = keep + h;
                double up = MixtureDensity.logDensity(layout, raw, 0, theta, 0);
                raw[j] = keep - h;
                double down = MixtureDensity.logDensity(layout, raw, 0, theta, 0);
                raw[j] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat(grad[j]).as("parameter %d of %s", j, layout)
                        .isCloseTo(numeric, within(1e-6 + 1e-6 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void staysFiniteFarFromEveryComponent() {
        MixtureLayout layout = new MixtureLayout(3, 2);
        double[] raw = randomRow(layout, Rng.seeded(3));
        double[] grad = new double[layout.width()];
        double value = MixtureDensity.logDensityAndGradient(layout, raw, 0, new double[] {400, -300}, 0, grad, 0);
        assertThat(value).isFinite().isLessThan(-1e4);
        for (double g : grad) {
            assertThat(g).isFinite();
        }
    }

    @Test
    void boundsTheLogDiagonal() {
        assertThat(MixtureLayout.boundedLogDiagonal(1e6)).isLessThanOrEqualTo(MixtureLayout.LOG_DIAGONAL_BOUND);
        assertThat(MixtureLayout.boundedLogDiagonal(-1e6)).isGreaterThanOrEqualTo(-MixtureLayout.LOG_DIAGONAL_BOUND);
        assertThat(MixtureLayout.boundedLogDiagonal(0.01)).isCloseTo(0.01, within(1e-7));
    }

    @Test
    void layoutWidthAndValidation() {
        assertThat(new MixtureLayout(10, 2).width()).isEqualTo(10 * (1 + 4 + 1));
        assertThat(new MixtureLayout(2, 3).width()).isEqualTo(2 * (1 + 6 + 3));
        assertThatThrownBy(() -> new MixtureLayout(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("components").hasMessageContaining("0");
        assertThatThrownBy(() -> new MixtureLayout(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dim");
    }

    @Test
    void samplerReproducesMixtureMoments() {
        MixtureLayout layout = new MixtureLayout(2, 2);
        double[] raw = randomRow(layout, Rng.seeded(5));
        MixtureSampler sampler = MixtureSampler.of(layout, raw);
        double[] w = weights(layout, raw);
        double[] mean = new double[2];
        double[][] second = new double[2][2];
        for (int k = 0; k < 2; k++) {
            double[] mu = means(layout, raw, k);
            double[][] cov = covariance(layout, raw, k).getData();
            for (int i = 0; i < 2; i++) {
                mean[i] += w[k] * mu[i];
                for (int j = 0; j < 2; j++) {
                    second[i][j] += w[k] * (cov[i][j] + mu[i] * mu[j]);
                }
            }
        }
        int n = 200_000;
        double[] sum = new double[2];
        double[][] sumSq = new double[2][2];
        double[] out = new double[2];
        double[] z = new double[2];
        Rng rng = Rng.seeded(9);
        for (int s = 0; s < n; s++) {
            sampler.sample(rng, out, z);
            for (int i = 0; i < 2; i++) {
                sum[i] += out[i];
                for (int j = 0; j < 2; j++) {
                    sumSq[i][j] += out[i] * out[j];
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            double sd = Math.sqrt(second[i][i] - mean[i] * mean[i]);
            assertThat(sum[i] / n).isCloseTo(mean[i], within(0.01 * sd));
            for (int j = 0; j < 2; j++) {
                assertThat(sumSq[i][j] / n).as("E[θ%dθ%d]", i, j)
                        .isCloseTo(second[i][j], within(0.01 * Math.abs(second[i][j]) + 0.01));
            }
        }
    }
}
