package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default NPE ignores the columns of x that θ does not drive, and records them in the posterior and its model
 * file; where every column is driven it trains exactly what a trainer without the screen trains.
 */
class DataScreenNpeTest {
    @TempDir
    Path dir;

    /** θ ~ U(0, 1)², x = (θ + N(0, 0.3² I), a Cauchy distractor, a uniform distractor). */
    private static final Task DISTRACTED = TestTasks.inUnitBox("test_distracted", 2, 4, (theta, rng) -> new double[] {
        theta[0] + 0.3 * rng.nextGaussian(), theta[1] + 0.3 * rng.nextGaussian(),
        rng.nextGaussian() / rng.nextGaussian(), rng.nextDouble()});

    @Test
    void theDefaultIgnoresDistractorsAndItsModelFileSaysSo() throws IOException {
        DefaultNpe screening = DefaultNpe.of(List.of(TestTasks.quickConfig()));
        // 3,600 training pairs: enough to resolve R² = 0.01 with 2 parameters
        NpePosterior q = screening.train(DISTRACTED, 4_000, Rng.seeded(3), new CostMeter());
        assertThat(q.standardization().ignoredX()).containsExactly(2, 3);
        double[] theta = {0.4, 0.6};
        assertThat(q.logDensity(theta, new double[] {0.5, 0.5, 1e6, 0.1}))
                .isEqualTo(q.logDensity(theta, new double[] {0.5, 0.5, -3, 0.9}));

        Path file = dir.resolve("distracted.zip");
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, name -> DISTRACTED);
        assertThat(back.standardization()).isEqualTo(q.standardization());
        assertThat(back.sample(new double[] {0.5, 0.5, 7, 0.2}, 200, Rng.seeded(4)).toArray())
                .isDeepEqualTo(q.sample(new double[] {0.5, 0.5, 7, 0.2}, 200, Rng.seeded(4)).toArray());

        NpePosterior unscreened = screening.with(npe -> npe.withDataScreen(false))
                .train(DISTRACTED, 4_000, Rng.seeded(3), new CostMeter());
        assertThat(unscreened.standardization().ignoredX()).isEmpty();
        assertThat(new Npe(TestTasks.quickConfig()).screensData()).isFalse();
    }

    @Test
    void whereEveryColumnIsDrivenTheScreenChangesNothing() {
        Task box = TestTasks.box();
        var config = TestTasks.quickConfig().withBatchSize(128); // a batch asked for: the default leaves it be
        NpePosterior screened = DefaultNpe.of(List.of(config)).train(box, 4_000, Rng.seeded(5), new CostMeter());
        NpePosterior plain = new Npe(config).train(box, 4_000, Rng.seeded(5), new CostMeter());
        assertThat(screened.standardization().ignoredX()).isEmpty();
        assertThat(screened.standardization()).isEqualTo(plain.standardization());
        assertThat(screened.weights()).isEqualTo(plain.weights());
    }
}
