package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.SeriesLayout;
import dev.amortizer.task.SetLayout;
import dev.amortizer.task.Task;
import org.junit.jupiter.api.Test;

/**
 * gaussian_linear_iid (an i.i.d. set) and noisy_signal, noisy_signal_1000 (raw series): layouts, names and exact
 * posteriors.
 */
class StructuredDataTasksTest {
    /** The reference mean is where the log posterior is flat: ∇ log prior + ∇ log likelihood = 0. */
    private static void referenceMeanIsTheStationaryPoint(Task task, double[] x, double tolerance) {
        Samples draws = task.referencePosterior().orElseThrow().sample(x, 200_000, Rng.seeded(7));
        int d = task.parameterDim();
        double[] mean = new double[d];
        for (int i = 0; i < draws.size(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += draws.get(i, j) / draws.size();
            }
        }
        double[] gl = new double[d];
        double[] gp = new double[d];
        task.likelihood().orElseThrow().logLikelihoodAndGradient(mean, x, gl);
        task.prior().logDensityAndGradient(mean, gp);
        for (int j = 0; j < d; j++) {
            assertThat(gl[j] + gp[j]).as("%s ∂/∂θ%d at the reference mean", task.name(), j + 1)
                    .isCloseTo(0, within(tolerance));
        }
    }

    @Test
    void replicateSetsHoldTheirSizeAndAnExactPosterior() {
        GaussianLinearReplicates task = (GaussianLinearReplicates) TaskCatalog.byName("gaussian_linear_iid");
        SetLayout layout = (SetLayout) task.dataLayout().orElseThrow();
        assertThat(task.dataDim()).isEqualTo(1001).isEqualTo(layout.flatLength());
        Rng rng = Rng.seeded(1);
        int[] sizes = new int[101];
        for (int i = 0; i < 2000; i++) {
            double[] x = task.simulator().simulate(task.prior().sample(rng), rng);
            task.checkObservation(x);
            sizes[layout.size(x)]++;
        }
        assertThat(sizes[0]).isZero();
        assertThat(sizes[1]).isPositive();
        assertThat(sizes[100]).isPositive();
        double[] x = task.simulateSet(task.prior().sample(rng), 40, rng);
        // precision (1 + m)/0.1 = 410: a mean off by one Monte-Carlo SE (1.1e-4) moves the gradient by 0.045
        referenceMeanIsTheStationaryPoint(task, x, 0.25);
        Samples draws = task.referencePosterior().orElseThrow().sample(x, 20_000, Rng.seeded(2));
        double var = 0;
        double mean = 0;
        for (int i = 0; i < draws.size(); i++) {
            mean += draws.get(i, 0) / draws.size();
        }
        for (int i = 0; i < draws.size(); i++) {
            var += Math.pow(draws.get(i, 0) - mean, 2) / (draws.size() - 1);
        }
        assertThat(var).isCloseTo(0.1 / 41, within(0.1 / 41 * 0.05));
    }

    @Test
    void aFixedSizeVariantIsNamedByItsSize() {
        Task ten = TaskCatalog.byName("gaussian_linear_iid_m10");
        assertThat(ten.name()).isEqualTo("gaussian_linear_iid_m10");
        Rng rng = Rng.seeded(3);
        double[] x = ten.simulator().simulate(ten.prior().sample(rng), rng);
        assertThat(x[0]).isEqualTo(10);
        assertThat(ten.dataNames()).isEqualTo(TaskCatalog.byName("gaussian_linear_iid").dataNames());
        assertThatThrownBy(() -> TaskCatalog.byName("gaussian_linear_iid_m101"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian_linear_iid_m<k>");
        assertThatThrownBy(() -> TaskCatalog.byName("gaussian_linear_iid_m0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noisySignalIsARawSeriesWithAnExactPosterior() {
        Task task = TaskCatalog.byName("noisy_signal");
        assertThat(task.dataLayout()).contains(new SeriesLayout(100, 1));
        Rng rng = Rng.seeded(4);
        double[] x = task.simulator().simulate(new double[] {0.5, -1, 2}, rng);
        referenceMeanIsTheStationaryPoint(task, x, 0.25);
    }

    @Test
    void noisySignalKeepsItsOriginalDesignBitForBit() {
        double[][] a = NoisySignal.design(100);
        for (int t = 0; t < 100; t++) {
            assertThat(a[t][1]).as("trend at %d", t).isEqualTo((t - 49.5) / 50);
            assertThat(a[t][2]).as("bump at %d", t).isEqualTo(Math.exp(-(t - 30.0) * (t - 30.0) / 50));
        }
    }

    @Test
    void theLongSeriesIsTheSameSignalReadTenTimesMoreFinely() {
        Task task = TaskCatalog.byName("noisy_signal_1000");
        assertThat(TaskCatalog.names()).contains("noisy_signal", "noisy_signal_1000");
        assertThat(task.name()).isEqualTo("noisy_signal_1000");
        assertThat(task.dataLayout()).contains(new SeriesLayout(1000, 1));
        assertThat(task.dataDim()).isEqualTo(1000);
        double[][] shortDesign = NoisySignal.design(100);
        double[][] longDesign = NoisySignal.design(1000);
        for (int t = 0; t < 100; t++) {
            // step 10t + 4.5 of the long axis is step t of the short one: the trend and bump agree at the midpoints
            double mid1 = (longDesign[10 * t + 4][1] + longDesign[10 * t + 5][1]) / 2;
            assertThat(mid1).isCloseTo(shortDesign[t][1], within(1e-12));
        }
        assertThat(longDesign[300][2]).isEqualTo(1.0);
        assertThat(longDesign[350][2]).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(longDesign[0][1]).isCloseTo(-0.999, within(1e-12));
        assertThat(longDesign[999][1]).isCloseTo(0.999, within(1e-12));
    }

    @Test
    void theLongSeriesPosteriorIsTheOneBruteForceFindsFromTheLogDensity() {
        Task task = TaskCatalog.byName("noisy_signal_1000");
        double[] x = task.simulator().simulate(new double[] {0.5, -1, 2}, Rng.seeded(5));
        // the posterior's SDs are about 0.016-0.06 here: a gradient of 0.25 is a mean off by under 4e-4
        referenceMeanIsTheStationaryPoint(task, x, 0.25);
        // brute force: the log posterior's Hessian by central differences of its log density (quadratic, so exact
        // up to rounding); the draws' covariance times the negative Hessian must be the identity
        double[][] hessian = hessianOfLogPosterior(task, x, new double[] {0.5, -1, 2}, 1e-3);
        Samples draws = task.referencePosterior().orElseThrow().sample(x, 200_000, Rng.seeded(6));
        double[][] cov = covariance(draws);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double product = 0;
                for (int k = 0; k < 3; k++) {
                    product -= cov[i][k] * hessian[k][j];
                }
                // 200,000 draws: each entry's sampling error is about sqrt(2/200,000) = 0.003 relative
                assertThat(product).as("(C·(−H))[%d][%d]", i, j).isCloseTo(i == j ? 1 : 0, within(0.02));
            }
        }
    }

    private static double logPosterior(Task task, double[] theta, double[] x) {
        return task.likelihood().orElseThrow().logLikelihood(theta, x) + task.prior().logDensity(theta);
    }

    private static double[][] hessianOfLogPosterior(Task task, double[] x, double[] at, double h) {
        int d = at.length;
        double[][] hess = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int si = -1; si <= 1; si += 2) {
                    for (int sj = -1; sj <= 1; sj += 2) {
                        double[] p = at.clone();
                        p[i] += si * h;
                        p[j] += sj * h;
                        sum += si * sj * logPosterior(task, p, x);
                    }
                }
                hess[i][j] = sum / (4 * h * h);
            }
        }
        return hess;
    }

    private static double[][] covariance(Samples draws) {
        int d = draws.dim();
        double[] mean = new double[d];
        for (int i = 0; i < draws.size(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += draws.get(i, j) / draws.size();
            }
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < draws.size(); i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    cov[j][k] += (draws.get(i, j) - mean[j]) * (draws.get(i, k) - mean[k]) / (draws.size() - 1);
                }
            }
        }
        return cov;
    }
}
