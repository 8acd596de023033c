package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.ForwardingTask;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default NPE reads positive columns spread over decades on the log scale, records them in the posterior and its
 * model file, and refuses a query it cannot read; a bare trainer, or the default told not to, reads x as it is.
 */
class LogScaleNpeTest {
    @TempDir
    Path dir;

    /** θ ~ U(0, 1)², x = (e^{4θ₁ + 0.3ε₁}, θ₂ + 0.3ε₂): x₁ spread over two decades, x₂ signed. */
    private static final Task GROWTH = TestTasks.inUnitBox("test_growth", 2, 2, (theta, rng) -> new double[] {
        Math.exp(4 * theta[0] + 0.3 * rng.nextGaussian()), theta[1] + 0.3 * rng.nextGaussian()});

    @Test
    void theDefaultReadsTheSpreadColumnOnTheLogScaleAndItsModelFileSaysSo() throws IOException {
        DefaultNpe npe = DefaultNpe.of(List.of(TestTasks.quickConfig()));
        NpePosterior q = npe.train(GROWTH, 1_000, Rng.seeded(3), new CostMeter());
        assertThat(q.standardization().loggedX()).containsExactly(0);
        // its mean and sd are those of ln x₁ = 4θ₁ + 0.3ε: about 2 and √(16/12 + 0.09) = 1.19
        assertThat(q.standardization().xMean()[0]).isBetween(1.8, 2.2);
        assertThat(q.standardization().xSd()[0]).isBetween(1.1, 1.3);

        Path file = dir.resolve("growth.zip");
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, name -> GROWTH);
        assertThat(back.standardization()).isEqualTo(q.standardization());
        double[] x = {7.4, 0.5};
        assertThat(back.sample(x, 200, Rng.seeded(4)).toArray())
                .isDeepEqualTo(q.sample(x, 200, Rng.seeded(4)).toArray());
        assertThatThrownBy(() -> back.sample(new double[] {-1, 0.5}, 10, Rng.seeded(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x value 1 is -1.0")
                .hasMessageContaining("log scale");

        NpePosterior raw = npe.with(trainer -> trainer.withLogScale(false))
                .train(GROWTH, 1_000, Rng.seeded(3), new CostMeter());
        assertThat(raw.standardization().loggedX()).isEmpty();
        assertThat(raw.logDensity(new double[] {0.5, 0.5}, new double[] {-1, 0.5})).isFinite();
        assertThat(new Npe(TestTasks.quickConfig()).logScalesData()).isFalse();
    }

    @Test
    void aColumnTheTaskSaysMayBeNegativeIsReadAsItIs() {
        Task signed = new ForwardingTask(GROWTH) {
            @Override
            public DataSupport dataSupport() {
                return DataSupport.real(2, 100);
            }
        };
        assertThat(DefaultNpe.of(List.of(TestTasks.quickConfig())).train(signed, 1_000, Rng.seeded(3), new CostMeter())
                .standardization().loggedX()).isEmpty();
    }

    @Test
    void aWarmStartRefusesNewPairsItsLogScaleCannotRead() {
        NpePosterior first = new Npe(TestTasks.quickConfig()).withLogScale(true)
                .train(GROWTH, 1_000, Rng.seeded(3), new CostMeter());
        assertThat(first.standardization().loggedX()).containsExactly(0);
        Task withZeros = TestTasks.inUnitBox("test_growth", 2, 2, (theta, rng) -> new double[] {
            rng.nextDouble() < 0.05 ? 0 : Math.exp(4 * theta[0]), theta[1]});
        Npe again = new Npe(TestTasks.quickConfig()).startingFrom(first);
        assertThatThrownBy(() -> again.train(withZeros, 500, Rng.seeded(4), new CostMeter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 0.0 in x column 1")
                .hasMessageContaining("earlier fit reads on the log scale");
        // pairs it can read continue the fit, in the earlier fit's units
        NpePosterior second = again.train(GROWTH, 500, Rng.seeded(5), new CostMeter());
        assertThat(second.standardization()).isEqualTo(first.standardization());
    }
}
