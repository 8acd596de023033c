package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amortizer.data.SbibmData;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.task.Task;
import dev.amortizer.testing.TestData;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetCatalogTest {
    /** Tasks whose reference posterior is their sibling's (datasets/README.md says why). */
    private static final Map<String, String> SHARED = Map.of("slcp_distractors", "slcp", "bernoulli_glm_raw",
            "bernoulli_glm");
    /** Tasks whose observations and reference draws are made from seeds when needed (datasets/README.md). */
    private static final Set<String> FROM_SEEDS = Set.of("noisy_signal_1000");

    @Test
    void everyTaskWithAReferenceSamplerHasADatasetOfItsOwnOrItsSiblings() {
        SbibmData data = TestData.datasets();
        for (Task task : TaskCatalog.all()) {
            if (task.referencePosterior().isEmpty() || FROM_SEEDS.contains(task.name())) {
                continue;
            }
            String folder = SHARED.getOrDefault(task.name(), task.name());
            assertThat(Files.isRegularFile(data.root().resolve(folder).resolve("MADE_BY.md")))
                    .as("datasets/%s/MADE_BY.md for task %s", folder, task.name()).isTrue();
            assertThat(data.observation(folder, 1)).as(task.name()).hasSize(TaskCatalog.byName(folder).dataDim());
        }
    }
}
