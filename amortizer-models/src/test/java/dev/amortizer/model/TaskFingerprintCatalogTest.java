package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.models.TaskCatalog;
import dev.amortizer.npe.Npe;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every catalogue task recognises its own fingerprint after a trip through JSON, and no two tasks that a manifest
 * edit could swap (same dimensions and column names) share one.
 */
class TaskFingerprintCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTaskMatchesItsOwnFingerprintAndNoLookalikeMatches() throws Exception {
        List<Task> tasks = TaskCatalog.all();
        List<String> lookalikes = new ArrayList<>();
        for (Task a : tasks) {
            TaskFingerprint recorded = JSON.readValue(JSON.writeValueAsBytes(TaskFingerprint.of(a)),
                    TaskFingerprint.class);
            recorded.check(a, a.parameterDim());
            for (Task b : tasks) {
                if (a != b && a.parameterDim() == b.parameterDim() && a.dataDim() == b.dataDim()
                        && Objects.equals(a.parameterNames(), b.parameterNames())
                        && Objects.equals(a.dataNames(), b.dataNames())) {
                    lookalikes.add(a.name() + "->" + b.name());
                    assertThatThrownBy(() -> recorded.check(b, a.parameterDim())).as(a.name() + " as " + b.name())
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("task " + b.name() + "'s prior")
                            .hasMessageContaining("another task than the one the model was trained on");
                }
            }
        }
        assertThat(lookalikes).contains("gaussian_linear->gaussian_linear_uniform",
                "gaussian_linear_uniform->gaussian_linear");
    }

    @Test
    void aGaussianLinearModelRenamedToGaussianLinearUniformIsRefused(@TempDir Path dir) throws Exception {
        NpePosterior q = new Npe(NpeConfig.defaults().withEpochs(1, 1))
                .train(TaskCatalog.byName("gaussian_linear"), 200, Rng.seeded(1), new CostMeter());
        Path good = dir.resolve("gl.zip");
        ModelFile.save(q, good);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(good))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
        manifest.put("task", "gaussian_linear_uniform");
        byte[] edited = JSON.writeValueAsBytes(manifest);
        entries.put("manifest.json", edited);
        entries.put("manifest.sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(edited))
                .getBytes(StandardCharsets.US_ASCII));
        Path renamed = dir.resolve("renamed.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(renamed))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        assertThatThrownBy(() -> ModelFile.loadAny(renamed, TaskCatalog::byName))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(renamed.toString())
                .hasMessageContaining("task gaussian_linear_uniform's prior has lower [-1.0");
    }
}
