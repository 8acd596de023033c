package dev.amortizer.nle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.QuickMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NLE trained on pairs streamed from disk: the chunks on disk, the likelihood good enough to recover the analytic
 * posterior as the in-memory fit does, the model saving and loading, and the same seed giving the same model.
 */
class NleStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aStreamedLikelihoodRecoversTheAnalyticPosteriorAndRepeats() throws Exception {
        Nle nle = new Nle(NleTest.quickFlow(), QuickMcmc.settings());
        CostMeter meter = new CostMeter();
        NlePosterior q = nle.trainStreamed(NleTest.TASK, 2000, 500, dir.resolve("chunks"), Rng.seeded(1), meter);
        try (var files = Files.list(dir.resolve("chunks"))) {
            assertThat(files.count()).as("2,000 pairs in chunks of 500").isEqualTo(4);
        }
        assertThat(q.provenance().simulations()).isEqualTo(2000);
        assertThat(q.provenance().epochs()).isBetween(1, 40);
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(2000);
        assertThat(meter.ledger().get(Phase.TRAINING).forwardPasses()).isPositive();
        assertThat(q.method()).isEqualTo("nle");

        Path file = dir.resolve("m.zip");
        ModelFile.saveAny(q, file);
        AmortisedPosterior loaded = ModelFile.loadAny(file, name -> NleTest.TASK);
        double[] x = {0.8, -0.4};
        double[][] rows = loaded.sample(x, 2000, Rng.seeded(2)).toArray();
        double[] mean = NleTest.TASK.posteriorMean(x);
        for (int j = 0; j < 2; j++) {
            double m = 0;
            for (double[] r : rows) {
                m += r[j] / rows.length;
            }
            assertThat(m).as("posterior mean of θ_%d", j + 1).isCloseTo(mean[j], within(0.15));
        }

        NlePosterior again = nle.trainStreamed(NleTest.TASK, 2000, 500, dir.resolve("again"), Rng.seeded(1),
                new CostMeter());
        assertThat(again.weights()).isEqualTo(q.weights());
        assertThat(again.standardization()).isEqualTo(q.standardization());
    }
}
