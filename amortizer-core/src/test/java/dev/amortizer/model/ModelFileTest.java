package dev.amortizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.cost.Phase;
import dev.amortizer.device.ComputeEnvironment;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.npe.TestTasks;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.ParameterSymmetry;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NpePosterior q = TestTasks.smallModel();
    private final Function<String, Task> tasks = name -> {
        if (!name.equals(q.task().name())) {
            throw new IllegalArgumentException("unknown task '" + name + "'");
        }
        return q.task();
    };

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitIdentical() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelFile.save(q, file);
        NpePosterior back = ModelFile.load(file, tasks);
        for (double[] x : new double[][] {{0.2, 0.7}, {-0.1, 1.1}, {0.5, 0.5}}) {
            for (double[] theta : new double[][] {{0.1, 0.9}, {0.5, 0.5}, {0.99, 0.01}}) {
                assertThat(back.logDensity(theta, x)).isEqualTo(q.logDensity(theta, x));
            }
            assertThat(back.sample(x, 500, Rng.seeded(3)).toArray())
                    .isDeepEqualTo(q.sample(x, 500, Rng.seeded(3)).toArray());
        }
        assertThat(back.config()).isEqualTo(q.config());
        assertThat(back.standardization()).isEqualTo(q.standardization());
        assertThat(back.provenance()).isEqualTo(q.provenance());
        assertThat(back.costLedger().byPhase()).isEqualTo(q.costLedger().byPhase());
        assertThat(back.costLedger().device()).isEqualTo(q.costLedger().device()).isNotNull();
        assertThat(back.weights()).isEqualTo(q.weights());
    }

    @Test
    void recordsWhereItWasTrainedAndStillLoadsAManifestThatDoesNot() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelFile.save(q, file);
        ModelManifest m = ModelFile.readManifest(file);
        assertThat(m.device()).isEqualTo(ComputeEnvironment.current());
        assertThat(m.device().nd4jBackend()).isEqualTo("nd4j-native");

        ObjectNode manifest = (ObjectNode) JSON.readTree(entry(file, "manifest.json"));
        assertThat(manifest.has("device")).isTrue();
        manifest.remove("device"); // as written before the field existed, checksum recomputed
        Path without = ModelFiles.withManifest(file, dir.resolve("without.zip"), JSON.writeValueAsBytes(manifest));
        NpePosterior back = ModelFile.load(without, tasks);
        assertThat(back.costLedger().device()).isNull();
        assertThat(back.costLedger().byPhase()).isEqualTo(q.costLedger().byPhase());
        assertThat(back.sample(new double[] {0.2, 0.7}, 100, Rng.seeded(3)).toArray())
                .isDeepEqualTo(q.sample(new double[] {0.2, 0.7}, 100, Rng.seeded(3)).toArray());
    }

    @Test
    void manifestDescribesTheModel() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelFile.save(q, file);
        ModelManifest m = ModelFile.readManifest(file);
        assertThat(m.format()).isEqualTo("amortizer-model");
        assertThat(m.formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION).isEqualTo(11);
        assertThat(m.standardization().xIgnored()).isNull(); // every column read: the field is left out
        assertThat(m.standardization().xRowWidth()).isNull(); // x read in the order given: likewise
        assertThat(m.standardization().xRowMoments()).isNull(); // no rows' moments read: likewise
        assertThat(m.standardization().thetaSymmetry()).isNull(); // θ fitted as given: likewise
        assertThat(m.config().meanShift()).isTrue(); // the MDN default's
        assertThat(m.taskFingerprint()).isEqualTo(TaskFingerprint.of(q.task()));
        assertThat(m.bijection()).isNull(); // the MDN default truncates
        assertThat(m.kind()).isEqualTo("npe");
        assertThat(m.estimator()).isEqualTo("mdn");
        assertThat(m.task()).isEqualTo("test_box");
        assertThat(m.parameterNames()).isEqualTo(q.task().parameterNames());
        assertThat(m.dataNames()).isEqualTo(q.task().dataNames());
        assertThat(m.parameterDim()).isEqualTo(2);
        assertThat(m.dataDim()).isEqualTo(2);
        assertThat(m.config()).isEqualTo(q.config());
        assertThat(m.seed()).isEqualTo(q.provenance().seed());
        assertThat(m.simulations()).isEqualTo(2000);
        assertThat(m.invalidSimulations()).isZero();
        assertThat(m.costs()).containsKeys(Phase.SIMULATION.label(), Phase.TRAINING.label());
        assertThat(m.weights().entry()).isEqualTo("network.bin");
        assertThat(m.weights().sha256()).hasSize(64);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactly("manifest.json", "manifest.sha256",
                    "network.bin");
        }
    }

    @Test
    void refusesFilesThatAreNotModels() throws IOException {
        Path text = dir.resolve("notes.zip");
        Files.writeString(text, "hello, not a zip");
        assertRefused(text, "not a model file");

        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(truncated, "not a model file");

        Path foreign = dir.resolve("foreign.zip");
        writeZip(foreign, Map.of("readme.txt", "hello".getBytes()));
        assertRefused(foreign, "unexpected entry 'readme.txt'");
        Path weightsOnly = dir.resolve("weights-only.zip");
        writeZip(weightsOnly, Map.of("network.bin", entry(good, "network.bin")));
        assertRefused(weightsOnly, "no manifest.json");

        Path garbage = rewrite(good, "garbage.zip", "manifest.json", "{ not json".getBytes());
        assertRefused(garbage, "manifest.json is unreadable");
    }

    @Test
    void refusesForeignTagsNewerVersionsAndOtherKinds() throws IOException {
        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        assertRefused(withManifestField(good, "format", "something-else"), "format tag is 'something-else'");
        assertRefused(withManifestField(good, "formatVersion", 12), "format version 12", "newer");
        assertRefused(withManifestField(good, "formatVersion", 5), "meanShift", "since format 6", "format 5");
        assertRefused(withManifestField(good, "formatVersion", 0), "format version 0");
        assertRefused(withManifestField(good, "kind", "gru"), "kind 'gru'");
        assertRefused(withManifestField(good, "kind", "nre"), "nre model needs its ratioConfig");
    }

    @Test
    void ignoredDataColumnsRoundTripAndAreCheckedOnLoad() throws IOException {
        NpePosterior screened = NpePosterior.restore(q.task(), q.config(), q.standardization().ignoringX(new int[] {1}),
                q.bijection(), q.provenance(), q.costLedger(), q.weights());
        Path file = dir.resolve("screened.zip");
        ModelFile.save(screened, file);
        assertThat(ModelFile.readManifest(file).standardization().xIgnored()).containsExactly(2);
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.standardization().ignoredX()).containsExactly(1);
        // the ignored column does not reach the estimator, the other does
        double[] theta = {0.3, 0.6};
        assertThat(back.logDensity(theta, new double[] {0.2, 0.7}))
                .isEqualTo(back.logDensity(theta, new double[] {0.2, -5.0}))
                .isEqualTo(screened.logDensity(theta, new double[] {0.2, 0.7}))
                .isNotEqualTo(back.logDensity(theta, new double[] {0.9, 0.7}));

        assertRefused(withColumns(file, "xIgnored", "[3]"), "xIgnored [3]", "2 x columns");
        assertRefused(withColumns(file, "xIgnored", "[0]"), "xIgnored [0]");
        assertRefused(withColumns(file, "xIgnored", "[1, 2]"), "xIgnored [1, 2]", "at least one left out");
        assertRefused(withColumns(file, "xIgnored", "[2, 1]"), "xIgnored [2, 1]", "increasing");
        assertRefused(withColumns(file, "xIgnored", "[null]"), "xIgnored", "null");
        Path older = withManifestField(withColumns(file, "xIgnored", "[2]"), "formatVersion", 6);
        assertRefused(older, "xIgnored", "since format 7", "format 6");
    }

    @Test
    void logScaleColumnsRoundTripAndAreCheckedOnLoad() throws IOException {
        NpePosterior logged = NpePosterior.restore(q.task(), q.config(), q.standardization().loggingX(new int[] {0}),
                q.bijection(), q.provenance(), q.costLedger(), q.weights());
        Path file = dir.resolve("logged.zip");
        ModelFile.save(logged, file);
        assertThat(ModelFile.readManifest(file).standardization().xLog()).containsExactly(1);
        assertThat(ModelFile.readManifest(file).standardization().xIgnored()).isNull();
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.standardization()).isEqualTo(logged.standardization());
        double[] theta = {0.3, 0.6};
        // the first column reaches the estimator as its log: 1 is read as the unlogged model reads 0
        assertThat(back.logDensity(theta, new double[] {1.0, 0.7}))
                .isEqualTo(q.logDensity(theta, new double[] {0.0, 0.7}));
        assertThatThrownBy(() -> back.sample(new double[] {0.0, 0.7}, 10, Rng.seeded(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x value 1 is 0.0")
                .hasMessageContaining("log scale");

        assertRefused(withColumns(file, "xLog", "[3]"), "xLog [3]", "2 x columns");
        assertRefused(withColumns(file, "xLog", "[2, 1]"), "xLog [2, 1]", "increasing");
        assertRefused(withColumns(file, "xLog", "[null]"), "xLog", "null");
        // no lenience: a column number written as text or with a fraction is refused, not read as 1
        assertRefused(withColumns(file, "xLog", "[\"1\"]"), "xLog", "String value");
        assertRefused(withColumns(file, "xLog", "[1.5]"), "xLog", "Floating-point value");
        assertRefused(withColumns(withColumns(file, "xIgnored", "[1]"), "xLog", "[1]"), "xLog and xIgnored",
                "column 1");
        Path older = withManifestField(withColumns(file, "xLog", "[1]"), "formatVersion", 7);
        assertRefused(older, "xLog", "since format 8", "format 7");
    }

    @Test
    void rowOrderRoundTripsAndIsCheckedOnLoad() throws IOException {
        NpePosterior ordered = NpePosterior.restore(q.task(), q.config(), q.standardization().sortingRows(1, false),
                q.bijection(), q.provenance(), q.costLedger(), q.weights());
        Path file = dir.resolve("ordered.zip");
        ModelFile.save(ordered, file);
        assertThat(ModelFile.readManifest(file).standardization().xRowWidth()).isEqualTo(1);
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.standardization()).isEqualTo(ordered.standardization());
        double[] theta = {0.3, 0.6};
        // x's two rows of one value each reach the estimator in increasing order, whichever order they come in
        assertThat(back.logDensity(theta, new double[] {0.7, 0.2}))
                .isEqualTo(q.logDensity(theta, new double[] {0.2, 0.7}))
                .isEqualTo(back.logDensity(theta, new double[] {0.2, 0.7}));
        assertThat(back.sample(new double[] {0.7, 0.2}, 50, Rng.seeded(2)).toArray())
                .isDeepEqualTo(q.sample(new double[] {0.2, 0.7}, 50, Rng.seeded(2)).toArray());

        assertRefused(withColumns(file, "xRowWidth", "2"), "xRowWidth 2", "2 x columns", "two or more rows");
        assertRefused(withColumns(file, "xRowWidth", "3"), "xRowWidth 3", "2 x columns");
        assertRefused(withColumns(file, "xRowWidth", "0"), "xRowWidth 0");
        assertRefused(withColumns(file, "xRowWidth", "-1"), "xRowWidth -1");
        assertRefused(withColumns(file, "xRowWidth", "\"1\""), "xRowWidth", "String value");
        assertRefused(withColumns(file, "xRowWidth", "1.5"), "xRowWidth", "Floating-point value");
        Path older = withManifestField(withColumns(file, "xRowWidth", "1"), "formatVersion", 8);
        assertRefused(older, "xRowWidth", "since format 9", "format 8");
    }

    @Test
    void rowMomentsAreCheckedOnLoad() throws IOException {
        // the small model's x is two rows of one value, ordered; its two columns leave no room for moments
        NpePosterior ordered = NpePosterior.restore(q.task(), q.config(), q.standardization().sortingRows(1, false),
                q.bijection(), q.provenance(), q.costLedger(), q.weights());
        Path file = dir.resolve("ordered-rows.zip");
        ModelFile.save(ordered, file);
        assertThat(ModelFile.readManifest(file).standardization().xRowMoments()).isNull();
        assertRefused(withColumns(file, "xRowMoments", "true"), "xRowWidth 1", "2 x columns",
                "followed by their moments");
        assertRefused(withColumns(file, "xRowMoments", "false"), "xRowMoments", "expected true");
        assertRefused(withColumns(file, "xRowMoments", "\"yes\""), "xRowMoments");
        assertRefused(withColumns(withColumns(file, "xRowWidth", "null"), "xRowMoments", "true"), "xRowMoments",
                "without one");
        assertRefused(withColumns(withColumns(file, "xRowWidth", "100000"), "xRowMoments", "true"),
                "xRowWidth 100000");
        Path older = withManifestField(withColumns(file, "xRowMoments", "true"), "formatVersion", 10);
        assertRefused(older, "xRowMoments", "since format 11", "format 10");
    }

    @Test
    void thetaSymmetryRoundTripsAndIsCheckedOnLoad() throws IOException {
        NpePosterior symmetric = NpePosterior.restore(q.task(), q.config(),
                q.standardization().foldingTheta(ParameterSymmetry.parse(2, List.of("swap 1 2"))), q.bijection(),
                q.provenance(), q.costLedger(), q.weights());
        Path file = dir.resolve("symmetric.zip");
        ModelFile.save(symmetric, file);
        assertThat(ModelFile.readManifest(file).standardization().thetaSymmetry()).containsExactly("swap 1 2");
        NpePosterior back = ModelFile.load(file, tasks);
        assertThat(back.standardization()).isEqualTo(symmetric.standardization());
        double[] x = {0.2, 0.7};
        double a = q.logDensity(new double[] {0.3, 0.6}, x);
        double b = q.logDensity(new double[] {0.6, 0.3}, x);
        // the orbit average of the estimator's density: the same at θ and at its swapped image
        assertThat(back.logDensity(new double[] {0.3, 0.6}, x))
                .isEqualTo(back.logDensity(new double[] {0.6, 0.3}, x))
                .isCloseTo(Math.log((Math.exp(a) + Math.exp(b)) / 2), within(1e-12));
        assertThat(back.sample(x, 50, Rng.seeded(2)).toArray())
                .isDeepEqualTo(symmetric.sample(x, 50, Rng.seeded(2)).toArray());

        assertRefused(withColumns(file, "thetaSymmetry", "[\"flip 3\"]"), "thetaSymmetry [flip 3]",
                "names parameter 3", "from 1 to 2");
        assertRefused(withColumns(file, "thetaSymmetry", "[\"twist 1\"]"), "thetaSymmetry", "\"twist 1\"");
        assertRefused(withColumns(file, "thetaSymmetry", "[\"flip 1\", \"swap 1 2\"]"), "does not commute");
        assertRefused(withColumns(file, "thetaSymmetry", "[]"), "thetaSymmetry []", "at least one reflection");
        assertRefused(withColumns(file, "thetaSymmetry", "[null]"), "reflection 1 is null");
        assertRefused(withColumns(file, "thetaSymmetry", "\"flip 1\""), "thetaSymmetry");
        Path older = withManifestField(withColumns(file, "thetaSymmetry", "[\"flip 1\"]"), "formatVersion", 9);
        assertRefused(older, "thetaSymmetry", "since format 10", "format 9");
    }

    /** {@code file} with its manifest's standardization.{@code field} set to the JSON {@code columns}, rehashed. */
    private Path withColumns(Path file, String field, String columns) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(entry(file, "manifest.json"));
        ((ObjectNode) manifest.get("standardization")).set(field, JSON.readTree(columns));
        byte[] edited = JSON.writeValueAsBytes(manifest);
        String name = field + "-" + Integer.toHexString(columns.hashCode());
        Path out = rewrite(file, name + ".zip", "manifest.json", edited);
        return rewrite(out, name + "-rehashed.zip", "manifest.sha256", sha256(edited).getBytes());
    }

    @Test
    void refusesTamperedWeights() throws IOException {
        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        byte[] network = entry(good, "network.bin");
        network[network.length / 2] ^= 1;
        assertRefused(rewrite(good, "tampered.zip", "network.bin", network), "checksum mismatch");
    }

    @Test
    void refusesATaskWithOtherDimensions() throws IOException {
        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        var other = new TestTasks.LinearGaussian(new double[][] {{1, 0}, {0, 1}}, 1);
        assertThatThrownBy(() -> ModelFile.load(good, name -> new Task() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Prior prior() {
                return other.prior();
            }

            @Override
            public Simulator simulator() {
                return other.simulator();
            }

            @Override
            public List<String> parameterNames() {
                return other.parameterNames();
            }

            @Override
            public List<String> dataNames() {
                return other.dataNames();
            }
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but task test_box has θ [theta_1");
        assertThatThrownBy(() -> ModelFile.load(withManifestField(good, "task", "nope"), tasks))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown task 'nope'");
        assertRefused(withManifestField(good, "parameterDim", 3), "(3)");
    }

    @Test
    void refusesAnEditedManifestWhoseChecksumWasNotRecomputed() throws IOException {
        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        ObjectNode manifest = (ObjectNode) JSON.readTree(entry(good, "manifest.json"));
        manifest.put("seed", 12345);
        assertRefused(rewrite(good, "edited.zip", "manifest.json", JSON.writeValueAsBytes(manifest)),
                "manifest.json was damaged or edited");
        Path noChecksum = dir.resolve("no-checksum.zip");
        writeZip(noChecksum, Map.of("manifest.json", entry(good, "manifest.json"),
                "network.bin", entry(good, "network.bin")));
        assertRefused(noChecksum, "manifest.sha256 says null");
    }

    @Test
    void refusesAManifestEditedToNameAnotherTaskOfTheSameShape() throws IOException {
        Path good = dir.resolve("model.zip");
        ModelFile.save(q, good);
        Path renamed = withManifestField(good, "task", "other_box");
        Task sameShapeOtherPrior = variant(q.task(), "other_box", DiagonalNormalPrior.isotropic(2, 1.0));
        assertThatThrownBy(() -> ModelFile.load(renamed, name -> sameShapeOtherPrior))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(renamed.toString())
                .hasMessageContaining("task other_box's prior has lower [null, null]")
                .hasMessageContaining("another task than the one the model was trained on");
        Task sameEverything = variant(q.task(), "other_box", q.task().prior());
        assertThat(ModelFile.load(renamed, name -> sameEverything).sample(new double[] {0.5, 0.5}, 5, Rng.seeded(1))
                .toArray()).isDeepEqualTo(q.sample(new double[] {0.5, 0.5}, 5, Rng.seeded(1)).toArray());
    }

    @Test
    void aFailedSaveLeavesNoFileBehind() throws IOException {
        Path target = dir.resolve("occupied");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "x");
        assertThatThrownBy(() -> ModelFile.save(q, target)).isInstanceOf(IOException.class);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("occupied");
        }
    }

    /** {@code base} under another name with {@code prior}: same dimensions and column names. */
    static Task variant(Task base, String name, Prior prior) {
        return new Task() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Prior prior() {
                return prior;
            }

            @Override
            public Simulator simulator() {
                return base.simulator();
            }

            @Override
            public List<String> parameterNames() {
                return base.parameterNames();
            }

            @Override
            public List<String> dataNames() {
                return base.dataNames();
            }
        };
    }

    private void assertRefused(Path file, String... fragments) {
        var thrown = assertThatThrownBy(() -> ModelFile.load(file, tasks)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    /** The model with one manifest field changed and manifest.sha256 recomputed, as a deliberate editor would. */
    private Path withManifestField(Path good, String field, Object value) throws IOException {
        ObjectNode manifest = (ObjectNode) JSON.readTree(entry(good, "manifest.json"));
        manifest.set(field, JSON.valueToTree(value));
        byte[] edited = JSON.writeValueAsBytes(manifest);
        Path out = rewrite(good, field + "-" + value + ".zip", "manifest.json", edited);
        return rewrite(out, field + "-" + value + "-rehashed.zip", "manifest.sha256", sha256(edited).getBytes());
    }

    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] entry(Path zipFile, String name) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private Path rewrite(Path good, String name, String entryName, byte[] content) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(good.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.put(e.getName(), entry(good, e.getName()));
            }
        }
        entries.put(entryName, content);
        Path out = dir.resolve(name);
        writeZip(out, entries);
        return out;
    }

    private static void writeZip(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Files.write(file, bytes.toByteArray());
    }
}
