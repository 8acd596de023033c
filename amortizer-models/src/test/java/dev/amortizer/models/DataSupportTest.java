package dev.amortizer.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.Task;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue task accepts what its simulator makes and refuses observations that cannot occur. */
class DataSupportTest {
    static Stream<String> names() {
        return TaskCatalog.names().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void simulatedObservationsPassAndImpossibleOnesAreRefusedByName(String name) {
        Task task = TaskCatalog.byName(name);
        assertThat(task.dataSupport().toString()).as("%s states its own support", name)
                .isNotEqualTo(DataSupport.unchecked(task.dataDim()).toString());
        Rng rng = Rng.seeded(3);
        double[] valid = null;
        for (int i = 0; i < 200; i++) {
            double[] x = task.simulator().simulate(task.prior().sample(rng), rng);
            if (java.util.Arrays.stream(x).allMatch(Double::isFinite)) {
                task.checkObservation(x);
                valid = x;
            }
        }
        assertThat(valid).as("%s made a finite observation", name).isNotNull();
        int d = task.dataDim();
        for (int i : new int[] {0, d / 2, d - 1}) {
            for (double impossible : new double[] {1e308, -1e13, 1e13}) {
                double[] x = valid.clone();
                x[i] = impossible;
                assertThatThrownBy(() -> task.checkObservation(x)).as("%s value %d = %s", name, i + 1, impossible)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("value " + (i + 1)).hasMessageContaining(task.dataNames().get(i));
            }
        }
    }

    @Test
    void countsAreWholeNumbersInRangeAndTheMessageGivesTheSupport() {
        Task glm = TaskCatalog.byName("bernoulli_glm");
        double[] x = glm.simulator().simulate(glm.prior().sample(Rng.seeded(1)), Rng.seeded(2));
        x[0] = -3;
        assertThatThrownBy(() -> glm.checkObservation(x)).hasMessageContaining("value 1 (data_1) is -3.0")
                .hasMessageContaining("[0.0, 100.0], whole numbers");
        x[0] = 12.5;
        assertThatThrownBy(() -> glm.checkObservation(x)).hasMessageContaining("whole numbers");
        Task sir = TaskCatalog.byName("sir");
        double[] counts = new double[10];
        counts[4] = 1001;
        assertThatThrownBy(() -> sir.checkObservation(counts)).hasMessageContaining("value 5 (data_5) is 1001.0")
                .hasMessageContaining("[0.0, 1000.0]");
        Task lv = TaskCatalog.byName("lotka_volterra");
        double[] populations = new double[20];
        java.util.Arrays.fill(populations, 5);
        lv.checkObservation(populations);
        populations[3] = 0;
        assertThatThrownBy(() -> lv.checkObservation(populations)).hasMessageContaining("(0.0, ");
        Task moons = TaskCatalog.byName("two_moons");
        assertThatThrownBy(() -> moons.checkObservation(new double[] {1e308, -1e308}))
                .hasMessageContaining("value 1 (data_1) is 1.0E308");
    }

    @Test
    void theProjectsOwnObservationsLieInTheirSupports() throws java.io.IOException {
        var data = dev.amortizer.data.Datasets.locate();
        org.junit.jupiter.api.Assumptions.assumeTrue(data.isPresent(), "datasets/ not found");
        int checked = 0;
        try (var folders = java.nio.file.Files.list(data.get().root())) {
            for (var folder : folders.filter(java.nio.file.Files::isDirectory).toList()) {
                Task task = TaskCatalog.byName(folder.getFileName().toString());
                for (int k = 1; k <= dev.amortizer.data.SbibmData.OBSERVATIONS; k++) {
                    task.checkObservation(data.get().observation(task.name(), k));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }
}
