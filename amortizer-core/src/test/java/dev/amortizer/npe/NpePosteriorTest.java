package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.training.Standardization;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NpePosteriorTest {
    private final NpePosterior q = TestTasks.smallModel();

    @Test
    void neverSamplesOutsideTheBoxPrior() {
        // x near a corner: the untruncated mixture puts much of its mass outside [0, 1]².
        double[] x = {-0.1, 1.1};
        Samples s = q.sample(x, 20_000, Rng.seeded(1));
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.get(i, 0)).isBetween(0.0, 1.0);
            assertThat(s.get(i, 1)).isBetween(0.0, 1.0);
        }
        assertThat(q.logDensity(new double[] {0.05, 0.95}, x)).isFinite();
        assertThat(q.logDensity(new double[] {-0.05, 0.95}, x)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(q.logDensity(new double[] {0.5, 1.01}, x)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aFormatOneModelFailsClearlyWhenThePosteriorHasNoMassInsideTheSupport() {
        Standardization s = q.standardization();
        Standardization farAway = Standardization.of(new double[] {50, 50}, s.thetaSd(), s.xMean(), s.xSd());
        NpePosterior broken = NpePosterior.restore(q.task(), q.config(), farAway, null, q.provenance(),
                q.costLedger(), q.weights());
        assertThatThrownBy(() -> broken.sample(new double[] {0.5, 0.5}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("almost no mass")
                .hasMessageContaining("0 of");
    }

    @Test
    void sameSeedSameSamples() {
        double[] x = {0.3, 0.6};
        assertThat(q.sample(x, 1000, Rng.seeded(9)).toArray())
                .isDeepEqualTo(q.sample(x, 1000, Rng.seeded(9)).toArray());
    }

    @Test
    void eightThreadsSampleExactlyWhatOneThreadSamples() throws Exception {
        int tasks = 32;
        List<double[][]> sequential = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            sequential.add(draw(t));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                int id = t;
                futures.add(pool.submit(() -> draw(id)));
            }
            for (int t = 0; t < tasks; t++) {
                assertThat(futures.get(t).get()).as("task %d", t).isDeepEqualTo(sequential.get(t));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private double[][] draw(int id) {
        double[] x = {0.1 * (id % 10), 1 - 0.05 * id};
        double[][] rows = q.sample(x, 2000, Rng.seeded(1000 + id)).toArray();
        double[][] withDensity = new double[rows.length + 1][];
        System.arraycopy(rows, 0, withDensity, 0, rows.length);
        withDensity[rows.length] = new double[] {q.logDensity(rows[0], x)};
        return withDensity;
    }
}
