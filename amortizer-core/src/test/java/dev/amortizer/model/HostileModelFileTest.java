package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.flow.FlowConfig;
import dev.amortizer.flow.FlowType;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files built by someone who wants the loader to run code or exhaust memory: each is refused with an
 * IllegalArgumentException that names the file and the entry, nothing is deserialized, and nothing large is
 * allocated.
 */
class HostileModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NpePosterior q = TestTasks.smallModel();
    private final Function<String, Task> tasks = name -> q.task();

    @TempDir
    Path dir;

    /** A class whose deserialization would be visible: readObject sets a flag. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized = true;
        }
    }

    @AfterEach
    void resetTripwire() {
        Tripwire.deserialized = false;
    }

    @Test
    void aNetworkZipWithAPreprocessorEntryIsRefusedUnread() throws IOException {
        byte[] hostile = legacyNetworkZip(Map.of("preprocessor.bin", serialized(new Tripwire())));
        for (int version : new int[] {1, 4, 5}) {
            Path file = ModelFiles.withNetwork(saved(), dir.resolve("hostile-v" + version + ".zip"), hostile,
                    version);
            assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("unexpected entry 'preprocessor.bin'");
            assertThat(Tripwire.deserialized).as("format " + version).isFalse();
        }
    }

    @Test
    void aNetworkZipWithAnUpdaterOrNormalizerEntryIsRefused() throws IOException {
        for (String entry : List.of("updaterState.bin", "normalizer.bin", "noParams.marker")) {
            Path file = ModelFiles.withNetwork(saved(), dir.resolve(entry + ".zip"),
                    legacyNetworkZip(Map.of(entry, new byte[] {1, 2, 3})), 4);
            assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unexpected entry '" + entry + "'");
        }
    }

    @Test
    void aLegacyNetworkZipOfTheRightShapeStillLoads() throws IOException {
        Path file = ModelFiles.withNetwork(saved(), dir.resolve("legacy.zip"), legacyNetworkZip(Map.of()), 4);
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.sample(new double[] {0.4, 0.6}, 10, dev.amortizer.random.Rng.seeded(1)).size())
                .isEqualTo(10);
    }

    @Test
    void coefficientsClaimingMoreValuesThanTheNetworkHasAreRefusedBeforeAllocation() throws IOException {
        byte[] legacy = legacyNetworkZip(Map.of());
        Map<String, byte[]> inner = ModelFiles.entries(legacy);
        byte[] coefficients = inner.get("coefficients.bin");
        // the data buffer's length field follows the second "MIXED_DATA_TYPES" string
        int at = ModelFiles.lastIndexOf(coefficients, "MIXED_DATA_TYPES".getBytes()) + 16;
        java.nio.ByteBuffer.wrap(coefficients).putLong(at, 1L << 40);
        inner.put("coefficients.bin", coefficients);
        Path file = ModelFiles.withNetwork(saved(), dir.resolve("long.zip"), ModelFiles.zip(inner), 4);
        assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coefficients.bin").hasMessageContaining(String.valueOf(1L << 40));
    }

    @Test
    void aManifestBombIsRefusedWithoutInflatingIt() throws IOException {
        Path file = dir.resolve("manifest-bomb.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 256; i++) { // 256 MiB of JSON whitespace, about 250 KiB on disk
                zip.write(spaces);
            }
            zip.closeEntry();
        }
        assertThat(Files.size(file)).isLessThan(1 << 20);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.readManifest(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'manifest.json' inflates to more than "
                        + ModelFile.MANIFEST_CAP);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void weightsInflatingPastTheCapAreRefused() throws IOException {
        Path good = saved();
        byte[] zeros = new byte[8 << 20];
        Path file = ModelFiles.withNetwork(good, dir.resolve("weights-bomb.zip"), zeros, 5);
        assertThatThrownBy(() -> ModelFile.read(file, 4 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'network.bin' inflates to more than " + (4 << 20));
        assertThat(ModelFile.WEIGHTS_CAP).isLessThanOrEqualTo(512 << 20)
                .isLessThanOrEqualTo((int) (Runtime.getRuntime().maxMemory() / 4));
    }

    @Test
    void aZipWithDuplicateOrExtraEntriesIsRefused() throws IOException {
        Path good = saved();
        Map<String, byte[]> entries = ModelFiles.entries(Files.readAllBytes(good));
        Path extra = dir.resolve("extra.zip");
        Map<String, byte[]> more = new LinkedHashMap<>(entries);
        more.put("evil.class", new byte[] {(byte) 0xca, (byte) 0xfe});
        Files.write(extra, ModelFiles.zip(more));
        assertThatThrownBy(() -> ModelFile.load(extra, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected entry 'evil.class'");
        Path twice = dir.resolve("twice.zip");
        Files.write(twice, ModelFiles.zipWithDuplicate(entries, "manifest.json"));
        assertThatThrownBy(() -> ModelFile.load(twice, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 'manifest.json' twice");
    }

    @Test
    void aFlowArchitectureTooLargeForItsWeightsIsRefusedBeforeAllocation() throws IOException {
        NpePosterior flow = ModelFiles.smallFlow();
        Path good = dir.resolve("flow.zip");
        ModelFile.save(flow, good);
        ObjectNode manifest = (ObjectNode) JSON.readTree(ModelFiles.entries(Files.readAllBytes(good))
                .get("manifest.json"));
        FlowConfig huge = new FlowConfig(FlowType.NSF, 64, List.of(4096, 4096, 4096), HiddenActivation.TANH, 8, 3);
        ((ObjectNode) manifest.get("config")).set("flow", JSON.valueToTree(huge));
        Path file = ModelFiles.withManifest(good, dir.resolve("huge.zip"), JSON.writeValueAsBytes(manifest));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has at least").hasMessageContaining("parameters; the weights hold");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aPointNetworkTooLargeForItsWeightsIsRefusedBeforeAllocation() throws IOException {
        Path good = dir.resolve("point.zip");
        ModelFile.saveAny(new dev.amortizer.point.PointEstimation(dev.amortizer.point.PointConfig.defaults()
                .withEpochs(1, 1)).train(TestTasks.box(), 200, dev.amortizer.random.Rng.seeded(2),
                new dev.amortizer.cost.CostMeter()), good);
        ObjectNode manifest = (ObjectNode) JSON.readTree(ModelFiles.entries(Files.readAllBytes(good))
                .get("manifest.json"));
        ((ObjectNode) manifest.get("pointConfig")).set("hiddenWidths",
                JSON.valueToTree(java.util.Collections.nCopies(500, 4096)));
        Path file = ModelFiles.withManifest(good, dir.resolve("huge-point.zip"), JSON.writeValueAsBytes(manifest));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.loadAny(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("has at least");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aManifestGivingAKeyTwiceOrTrailingTextIsRefused() throws IOException {
        Path good = saved();
        String manifest = new String(ModelFiles.entries(Files.readAllBytes(good)).get("manifest.json"),
                java.nio.charset.StandardCharsets.UTF_8).strip();
        String twice = manifest.substring(0, manifest.length() - 1) + ", \"seed\": 99 }";
        Path duplicated = ModelFiles.withManifest(good, dir.resolve("twice.zip"), twice.getBytes());
        assertThatThrownBy(() -> ModelFile.load(duplicated, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'seed'");
        Path trailing = ModelFiles.withManifest(good, dir.resolve("trailing.zip"), (manifest + " {}").getBytes());
        assertThatThrownBy(() -> ModelFile.load(trailing, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manifest.json").hasMessageContaining("Trailing token");
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("model.zip");
        if (!Files.exists(file)) {
            ModelFile.save(q, file);
        }
        return file;
    }

    private byte[] legacyNetworkZip(Map<String, byte[]> extra) throws IOException {
        return ModelFiles.legacyNetworkZip(q, extra);
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
