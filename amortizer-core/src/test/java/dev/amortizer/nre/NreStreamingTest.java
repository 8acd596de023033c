package dev.amortizer.nre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.QuickMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.model.ModelFile;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.random.Rng;
import dev.amortizer.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NRE trained on pairs streamed from disk: the chunks on disk, the classifier good enough to recover the analytic
 * posterior mean as the in-memory fit does, the model saving and loading, and the same seed giving the same model.
 */
class NreStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aStreamedRatioRecoversTheAnalyticPosteriorMeanAndRepeats() throws Exception {
        NreConfig config = new NreConfig(NreLoss.B, 5, 1.0, List.of(32, 32), HiddenActivation.RELU,
                new TrainingSchedule(128, 2e-3, 30, 8, 0.1, NreConfig.GRADIENT_CLIP, 0.5, 5));
        Nre nre = new Nre(config, QuickMcmc.settings());
        CostMeter meter = new CostMeter();
        NrePosterior q = nre.trainStreamed(NreTest.TASK, 2000, 500, dir.resolve("chunks"), Rng.seeded(3), meter);
        try (var files = Files.list(dir.resolve("chunks"))) {
            assertThat(files.count()).as("2,000 pairs in chunks of 500").isEqualTo(4);
        }
        assertThat(q.provenance().simulations()).isEqualTo(2000);
        assertThat(q.provenance().epochs()).isBetween(1, 30);
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(2000);
        assertThat(meter.ledger().get(Phase.TRAINING).forwardPasses()).isPositive();

        Path file = dir.resolve("m.zip");
        ModelFile.saveAny(q, file);
        AmortisedPosterior loaded = ModelFile.loadAny(file, name -> NreTest.TASK);
        double[] x = {0.8, -0.4};
        double[][] rows = loaded.sample(x, 2000, Rng.seeded(4)).toArray();
        double[] mean = NreTest.TASK.posteriorMean(x);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            for (double[] r : rows) {
                m += r[j] / rows.length;
            }
            assertThat(m).as("posterior mean of θ_%d", j + 1).isCloseTo(mean[j], within(0.2));
        }

        NrePosterior again = nre.trainStreamed(NreTest.TASK, 2000, 500, dir.resolve("again"), Rng.seeded(3),
                new CostMeter());
        assertThat(again.weights().toArray(double[][]::new)).isDeepEqualTo(q.weights().toArray(double[][]::new));
    }
}
