package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amortizer.campaign.FailingTasks;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import dev.amortizer.task.UniformBoxPrior;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model of a task whose code is not here is served from the model file alone; a changed task is refused. */
public class ServedTaskTest {
    @TempDir
    static Path dir;
    private static Path file;
    private static NpePosterior trained;

    /** The test box task, with observations known to lie in [−10, 10]² and, optionally, another prior. */
    public static Task usersTask(Prior prior) {
        Task box = TestTasks.box();
        return new Task() {
            @Override
            public String name() {
                return "users_box";
            }

            @Override
            public Prior prior() {
                return prior;
            }

            @Override
            public Simulator simulator() {
                return box.simulator();
            }

            @Override
            public List<String> parameterNames() {
                return box.parameterNames();
            }

            @Override
            public List<String> dataNames() {
                return box.dataNames();
            }

            @Override
            public DataSupport dataSupport() {
                return DataSupport.symmetric(2, 10);
            }
        };
    }

    @BeforeAll
    static void train() throws Exception {
        trained = new Npe(TestTasks.quickConfig().withEpochs(2, 2))
                .train(usersTask(UniformBoxPrior.cube(2, 0, 1)), 500, Rng.seeded(5), new CostMeter());
        file = dir.resolve("users.zip");
        ModelFile.save(trained, file);
    }

    @Test
    void withoutTheTasksCodeTheModelSamplesAsTrained() throws Exception {
        NpePosterior served = ModelFile.load(file, name -> null);
        assertThat(served.task()).isInstanceOf(ServedTask.class);
        assertThat(served.task().name()).isEqualTo("users_box");
        assertThat(served.task().prior().support().upper()).containsExactly(1.0, 1.0);
        double[] x = {0.4, 0.7};
        assertThat(served.sample(x, 200, Rng.seeded(2)).toArray())
                .isDeepEqualTo(trained.sample(x, 200, Rng.seeded(2)).toArray());
        assertThat(ModelFile.loadAny(file, name -> null).sample(x, 20, Rng.seeded(2)).toArray())
                .isDeepEqualTo(trained.sample(x, 20, Rng.seeded(2)).toArray());
    }

    @Test
    void theServedTaskChecksObservationsAndRefusesToSimulate() throws Exception {
        Task served = ModelFile.load(file, name -> null).task();
        assertThatThrownBy(() -> served.checkObservation(new double[] {50, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data_1");
        assertThatThrownBy(() -> served.simulator().simulate(new double[] {0.5, 0.5}, Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("served from its model file")
                .hasMessageContaining("the simulator");
        assertThatThrownBy(() -> served.prior().sample(Rng.seeded(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the prior's sampler");
    }

    @Test
    void aResolvableTaskWhosePriorChangedIsRefusedNamingTheChange() {
        Task widened = usersTask(UniformBoxPrior.cube(2, 0, 2));
        assertThatThrownBy(() -> ModelFile.load(file, name -> widened))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prior of parameter_1 changed: support [0.0, 1.0] when the model was trained,"
                        + " [0.0, 2.0] now");
    }

    @Test
    void aModelWhoseTaskFailedSomeSimulationsStillServes() throws Exception {
        NpePosterior q = new Npe(TestTasks.quickConfig().withEpochs(1, 1))
                .train(FailingTasks.failing(TestTasks.box(), true), 500, Rng.seeded(1), new CostMeter());
        Path f = dir.resolve("failing.zip");
        ModelFile.save(q, f);
        NpePosterior served = ModelFile.load(f, name -> null);
        assertThat(served.provenance().source().failures()).containsOnlyKeys("timeout");
        assertThat(served.sample(new double[] {0.5, 0.5}, 10, Rng.seeded(1)).size()).isEqualTo(10);
    }
}
