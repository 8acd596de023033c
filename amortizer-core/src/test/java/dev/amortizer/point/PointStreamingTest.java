package dev.amortizer.point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point estimator trained on pairs streamed from disk: the chunks on disk, the posterior mean recovered about as
 * well as the analytic one predicts θ, the model saving and loading, and the same seed giving the same model.
 */
class PointStreamingTest {
    @TempDir
    Path dir;

    @Test
    void aStreamedPointEstimatorRecoversTheAnalyticMeanAndRepeats() throws Exception {
        PointEstimation point = new PointEstimation(PointEstimationTest.quick());
        CostMeter meter = new CostMeter();
        PointPosterior q = point.trainStreamed(PointEstimationTest.TASK, 4000, 1000, dir.resolve("chunks"),
                Rng.seeded(5), meter);
        try (var files = Files.list(dir.resolve("chunks"))) {
            assertThat(files.count()).as("4,000 pairs in chunks of 1,000").isEqualTo(4);
        }
        assertThat(q.provenance().simulations()).isEqualTo(4000);
        assertThat(q.provenance().epochs()).isBetween(1, 60);
        assertThat(meter.ledger().get(Phase.SIMULATION).simulatorCalls()).isEqualTo(4000);
        assertThat(meter.ledger().get(Phase.TRAINING).forwardPasses()).isPositive();

        Path file = dir.resolve("m.zip");
        ModelFile.saveAny(q, file);
        PointPosterior loaded = (PointPosterior) ModelFile.loadAny(file, name -> PointEstimationTest.TASK);
        Rng test = Rng.seeded(6);
        double[][] theta = PointEstimationTest.TASK.prior().sample(1000, test);
        double[][] x = PointEstimationTest.TASK.simulator().simulate(theta, test);
        double sqEstimate = 0;
        double sqAnalytic = 0;
        for (int i = 0; i < theta.length; i++) {
            double[] mean = loaded.estimate(x[i]).mean();
            double[] analytic = PointEstimationTest.TASK.posteriorMean(x[i]);
            assertThat(mean).containsExactly(q.estimate(x[i]).mean(), within(0.0));
            for (int j = 0; j < 2; j++) {
                sqEstimate += Math.pow(mean[j] - theta[i][j], 2);
                sqAnalytic += Math.pow(analytic[j] - theta[i][j], 2);
            }
        }
        assertThat(Math.sqrt(sqEstimate / sqAnalytic)).as("error against the analytic mean's").isLessThan(1.08);

        PointPosterior again = point.trainStreamed(PointEstimationTest.TASK, 4000, 1000, dir.resolve("again"),
                Rng.seeded(5), new CostMeter());
        assertThat(again.weights().toArray(double[][]::new)).isDeepEqualTo(q.weights().toArray(double[][]::new));
    }
}
