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

/** gaussian_linear_iid (an i.i.d. set) and noisy_signal (a raw series): layouts, names and exact posteriors. */
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
}
