package dev.amortizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.models.TaskCatalog;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuerySetTest {
    @TempDir
    Path dir;

    private final Task twoMoons = TaskCatalog.byName("two_moons");

    @Test
    void theUsersObservationsComeWithTheTasksReferenceDraws() throws Exception {
        Path file = Files.writeString(dir.resolve("obs.csv"), "data_1,data_2\n0.1,0.2\n-0.3,0.05\n0.0,0.0\n");
        QuerySet q = QuerySet.fromFile(twoMoons, file, 2, 500, Rng.seeded(1));
        assertThat(q.queries()).hasSize(2);
        assertThat(q.queries().get(1).x()).containsExactly(-0.3, 0.05);
        assertThat(q.queries().get(0).reference().size()).isEqualTo(500);
        assertThat(q.source()).contains(file.toString());
        QuerySet again = QuerySet.fromFile(twoMoons, file, 2, 500, Rng.seeded(1));
        assertThat(again.queries().get(0).reference().row(7)).containsExactly(q.queries().get(0).reference().row(7));
    }

    @Test
    void aBadFileIsNamedWithWhatIsWrong() throws Exception {
        Path wide = Files.writeString(dir.resolve("wide.csv"), "a,b,c\n1,2,3\n");
        assertThatThrownBy(() -> QuerySet.fromFile(twoMoons, wide, 1, 100, Rng.seeded(1)))
                .hasMessageContaining("wide.csv has 3 columns").hasMessageContaining("2 data columns");
        Path shortFile = Files.writeString(dir.resolve("short.csv"), "data_1,data_2\n1,2\n");
        assertThatThrownBy(() -> QuerySet.fromFile(twoMoons, shortFile, 3, 100, Rng.seeded(1)))
                .hasMessageContaining("short.csv has 1 observations, 3 asked for");
    }
}
