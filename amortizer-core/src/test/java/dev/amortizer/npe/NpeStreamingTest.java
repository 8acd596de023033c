package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPE trained on pairs streamed from disk: a model that saves, loads and samples, from the same seed the same one. */
class NpeStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aStreamedModelSavesLoadsAndSamplesInsideTheBox() throws Exception {
        Task task = TestTasks.box();
        Npe npe = new Npe(TestTasks.quickConfig());
        CostMeter meter = new CostMeter();
        NpePosterior q = npe.trainStreamed(task, 3_000, 500, dir.resolve("chunks"), Rng.seeded(5), meter);
        try (var files = Files.list(dir.resolve("chunks"))) {
            assertThat(files.count()).isEqualTo(6);
        }
        assertThat(q.provenance().simulations()).isEqualTo(3_000);
        assertThat(q.provenance().epochs()).isEqualTo(8);
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(3_000);
        Path file = dir.resolve("m.zip");
        ModelFile.save(q, file);
        NpePosterior loaded = ModelFile.load(file, name -> task);
        double low = meanOfFirst(loaded.sample(new double[] {0.1, 0.5}, 2_000, Rng.seeded(6)));
        double high = meanOfFirst(loaded.sample(new double[] {0.9, 0.5}, 2_000, Rng.seeded(7)));
        assertThat(high - low).as("posterior means of θ_1 at x_1 = 0.9 and 0.1: exactly about 0.7 and 0.3")
                .isGreaterThan(0.2);
        NpePosterior again = npe.trainStreamed(task, 3_000, 500, dir.resolve("again"), Rng.seeded(5),
                new CostMeter());
        assertThat(again.weights()).isEqualTo(q.weights());
        assertThat(again.standardization()).isEqualTo(q.standardization());
    }

    /** Mean of the first column, every draw checked to lie in the box. */
    private static double meanOfFirst(Samples draws) {
        double mean = 0;
        double[][] rows = draws.toArray();
        for (double[] r : rows) {
            assertThat(r[0]).isBetween(0.0, 1.0);
            assertThat(r[1]).isBetween(0.0, 1.0);
            mean += r[0] / rows.length;
        }
        return mean;
    }

    @Test
    void onlyTheMdnStreams() {
        Npe flow = new Npe(NpeConfig.defaults(Estimator.MAF));
        assertThatThrownBy(() -> flow.trainStreamed(TestTasks.box(), 100, 50, dir, Rng.seeded(1), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mdn estimator");
    }
}
