package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.QuickMcmc;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nle.Nle;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.nre.Nre;
import dev.amortizer.nre.NreConfig;
import dev.amortizer.nre.NreLoss;
import dev.amortizer.point.PointConfig;
import dev.amortizer.point.PointEstimation;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.TrainingSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelKindsTest {
    private static final Task TASK = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 0.5);
    private static final Function<String, Task> TASKS = name -> TASK;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyKindRoundTripsToTheSameDraws() throws Exception {
        NpeConfig flow = NpeConfig.defaults(Estimator.MAF).withEpochs(2, 2);
        NreConfig ratio = NreConfig.defaults(NreLoss.C);
        ratio = new NreConfig(NreLoss.C, 3, 1.0, List.of(8), ratio.activation(),
                new TrainingSchedule(64, 1e-3, 2, 2, 0.1, NreConfig.GRADIENT_CLIP, 0.5, 2));
        List<AmortisedPosterior> trained = List.of(
                new Nle(flow, QuickMcmc.settings()).train(TASK, 300, Rng.seeded(1), new CostMeter()),
                new Nre(ratio, QuickMcmc.settings()).train(TASK, 300, Rng.seeded(2), new CostMeter()),
                new PointEstimation(PointConfig.defaults().withEpochs(2, 2)).train(TASK, 300, Rng.seeded(3),
                        new CostMeter()));
        double[] x = {0.2, -0.1};
        for (AmortisedPosterior q : trained) {
            Path file = dir.resolve(q.method() + ".zip");
            ModelFile.saveAny(q, file);
            ModelManifest m = ModelFile.readManifest(file);
            assertThat(m.kind()).isEqualTo(q.method());
            assertThat(m.formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION);
            AmortisedPosterior back = ModelFile.loadAny(file, TASKS);
            assertThat(back.method()).isEqualTo(q.method());
            assertThat(back.costLedger().byPhase()).isEqualTo(q.costLedger().byPhase());
            assertThat(back.sample(x, 20, Rng.seeded(4)).toArray()).as(q.method())
                    .isDeepEqualTo(q.sample(x, 20, Rng.seeded(4)).toArray());
            assertThatThrownBy(() -> ModelFile.load(file, TASKS)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(q.method()).hasMessageContaining("loadAny");
            // ignored and log-scale x columns, x's row order and θ's symmetry are NPE's alone: an edited manifest giving them to
            // another kind is refused
            for (String[] field : new String[][] {{"xIgnored", "[1]"}, {"xLog", "[1]"}, {"xRowWidth", "1"},
                    {"thetaSymmetry", "[\"flip 1\"]"}}) {
                ObjectNode manifest = (ObjectNode) JSON.readTree(
                        ModelFiles.entries(Files.readAllBytes(file)).get("manifest.json"));
                ((ObjectNode) manifest.get("standardization")).set(field[0], JSON.readTree(field[1]));
                Path edited = ModelFiles.withManifest(file, dir.resolve(q.method() + "-" + field[0] + ".zip"),
                        JSON.writeValueAsBytes(manifest));
                assertThatThrownBy(() -> ModelFile.loadAny(edited, TASKS)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(field[0]).hasMessageContaining("only an npe model");
            }
        }
    }
}
