package dev.amortizer.npe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.campaign.FailingTasks;
import dev.amortizer.campaign.SimulationSource;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.model.ModelFile;
import dev.amortizer.model.ModelManifest;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model file records where the training pairs came from and why some failed. */
class SimulationSourceTest {
    @TempDir
    Path dir;

    @Test
    void failuresByKindReachTheModelFile() throws Exception {
        Task task = FailingTasks.failing(TestTasks.box(), true);
        NpePosterior q = new Npe(TestTasks.quickConfig().withEpochs(2, 2))
                .train(task, 1500, Rng.seeded(3), new CostMeter());
        long failed = q.provenance().invalidSimulations();
        assertThat(failed).as("θ_1 < 0.1 on a tenth of the box").isBetween(100L, 200L);
        assertThat(q.provenance().source().failures()).isEqualTo(Map.of("timeout", failed));
        Path file = dir.resolve("m.zip");
        ModelFile.save(q, file);
        ModelManifest m = ModelFile.readManifest(file);
        assertThat(m.simulationSource().origin()).isEqualTo(SimulationSource.SIMULATED);
        assertThat(m.simulationSource().failures()).isEqualTo(Map.of("timeout", failed));
        assertThat(m.invalidSimulations()).isEqualTo((int) failed);
    }

    @Test
    void pairsFromFilesCountTheirNonFiniteRowsAndNameTheFiles() {
        Task task = TestTasks.box();
        double[][] theta = task.prior().sample(50, Rng.seeded(1));
        double[][] x = task.simulator().simulate(theta, Rng.seeded(2));
        x[7] = new double[] {Double.NaN, 0.5};
        var file = new SimulationSource.SourceFile("x.csv", "ab".repeat(32));
        NpePosterior q = new Npe(TestTasks.quickConfig().withEpochs(1, 1))
                .train(task, theta, x, List.of(file), Rng.seeded(3), new CostMeter());
        assertThat(q.provenance().source()).isEqualTo(new SimulationSource(SimulationSource.FILES, List.of(file),
                Map.of("non-finite", 1L)));
        assertThat(q.provenance().invalidSimulations()).isEqualTo(1);
    }

    @Test
    void aMalformedSourceIsRefused() {
        assertThatThrownBy(() -> new SimulationSource("guessed", List.of(), Map.of()))
                .hasMessageContaining("simulated or files");
        assertThatThrownBy(() -> new SimulationSource(SimulationSource.FILES, List.of(), Map.of()))
                .hasMessageContaining("name them");
        assertThatThrownBy(() -> new SimulationSource.SourceFile("x.csv", "not-a-hash"))
                .hasMessageContaining("64 hex digits");
    }
}
