package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FMPE model files: a bounded task's model round-trips bit for bit, and edited files are refused as others are. */
class FmpeModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NpePosterior q;
    private final Function<String, Task> tasks = name -> q.task();

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        NpeConfig config = NpeConfig.defaults(Estimator.FMPE).withHidden(List.of(8, 8), HiddenActivation.TANH)
                .withEpochs(2, 2).withBatchSize(128);
        q = new Npe(config).train(TestTasks.box(), 300, Rng.seeded(5), new CostMeter());
    }

    @Test
    void aTruncatedModelRoundTripsToTheSameDrawsAndDensities() throws IOException {
        Path file = dir.resolve("fmpe.zip");
        ModelFile.save(q, file);
        ModelManifest m = ModelFile.readManifest(file);
        assertThat(m.estimator()).isEqualTo("fmpe");
        assertThat(m.formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION);
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.config()).isEqualTo(q.config());
        double[] x = {0.4, 0.7};
        double[][] draws = q.sample(x, 3000, Rng.seeded(4)).toArray();
        assertThat(back.sample(x, 3000, Rng.seeded(4)).toArray()).isDeepEqualTo(draws);
        for (double[] row : draws) {
            assertThat(q.task().prior().support().contains(row)).as("truncated to the box").isTrue();
        }
        assertThat(back.logDensity(draws[0], x)).isEqualTo(q.logDensity(draws[0], x));
        assertThat(back.logDensity(new double[] {1.5, 0.5}, x)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aManifestWithoutTheFlowMatchingConfigIsRefused() throws IOException {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("config")).remove("matching");
        assertThatThrownBy(() -> ModelFile.load(edited(manifest), tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flow-matching config");
    }

    @Test
    void anotherEstimatorCarryingAFlowMatchingConfigIsRefused() throws IOException {
        ObjectNode manifest = manifest();
        manifest.put("estimator", "mdn");
        ((ObjectNode) manifest.get("config")).put("estimator", "MDN");
        assertThatThrownBy(() -> ModelFile.load(edited(manifest), tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the fmpe estimator takes a flow-matching config");
    }

    @Test
    void aVelocityNetworkTooLargeForItsWeightsIsRefusedBeforeAllocation() throws IOException {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("config")).set("hiddenWidths", JSON.valueToTree(Collections.nCopies(500, 4096)));
        Path file = edited(manifest);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("weights are truncated");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void weightsOfAnotherShapeAreRefused() throws IOException {
        ObjectNode manifest = manifest();
        ((ObjectNode) manifest.get("config")).set("hiddenWidths", JSON.valueToTree(List.of(8, 8, 8)));
        assertThatThrownBy(() -> ModelFile.load(edited(manifest), tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a velocity network of this shape has");
    }

    private ObjectNode manifest() throws IOException {
        Path good = dir.resolve("good.zip");
        if (!Files.exists(good)) {
            ModelFile.save(q, good);
        }
        return (ObjectNode) JSON.readTree(ModelFiles.entries(Files.readAllBytes(good)).get("manifest.json"));
    }

    private Path edited(ObjectNode manifest) throws IOException {
        return ModelFiles.withManifest(dir.resolve("good.zip"), dir.resolve("edited.zip"),
                JSON.writeValueAsBytes(manifest));
    }
}
