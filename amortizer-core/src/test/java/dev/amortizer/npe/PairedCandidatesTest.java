package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default's candidates hold out the same rows, so that their validation losses are paired: the standardisation,
 * fitted on the training rows only, is the same whichever candidate is kept and in whichever order they are listed,
 * in memory and streamed.
 */
class PairedCandidatesTest {
    private static final Task TASK = TestTasks.box();
    private static final NpeConfig SMALL = TestTasks.quickConfig();
    private static final NpeConfig OTHER = SMALL.withComponents(1).withLearningRate(5e-3);

    @TempDir
    Path dir;

    @Test
    void everyOrderOfTheCandidatesTrainsOnTheSameRows() {
        Standardization ab = trained(List.of(SMALL, OTHER)).standardization();
        Standardization ba = trained(List.of(OTHER, SMALL)).standardization();
        assertThat(ab).isEqualTo(ba);
        // a candidate alone holds out rows of its own generator, as a single Npe does
        assertThat(trained(List.of(SMALL)).standardization()).isNotEqualTo(ab);
    }

    @Test
    void streamedCandidatesHoldOutTheSameRowsToo() throws Exception {
        Standardization ab = DefaultNpe.of(List.of(SMALL, OTHER)).trainStreamed(TASK, 2_000, 500, dir.resolve("ab"),
                Rng.seeded(3), new CostMeter()).standardization();
        Standardization ba = DefaultNpe.of(List.of(OTHER, SMALL)).trainStreamed(TASK, 2_000, 500, dir.resolve("ba"),
                Rng.seeded(3), new CostMeter()).standardization();
        assertThat(ab).isEqualTo(ba);
    }

    private static NpePosterior trained(List<NpeConfig> candidates) {
        return DefaultNpe.of(candidates).train(TASK, 1_500, Rng.seeded(3), new CostMeter());
    }
}
