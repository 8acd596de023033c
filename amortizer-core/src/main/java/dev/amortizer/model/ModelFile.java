package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.Quoted;
import dev.amortizer.data.BoundedZip;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.task.Task;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One trained model in one zip file: {@code manifest.json} ({@link ModelManifest}) and the weights as
 * {@code network.bin} (plain parameter arrays; MDNs of formats 1 to 4 hold DL4J's network zip, read as data only),
 * whose SHA-256 the manifest records. Format 2 added flows and the bijection; format 3 the kinds nle, nre and point
 * ({@link #saveAny}, {@link #loadAny}); format 4 the flow's linear shift and ensembles; format 5 the entry
 * {@code manifest.sha256} (the SHA-256 of the manifest's bytes, so that an edited manifest no longer passes for the
 * original) and the {@link TaskFingerprint}, checked against the task the manifest's name resolves to; format 6 the
 * MDN's mean shift. Older formats still load, format 4 and before without the two checks: they recorded nothing to
 * check against. A checksum is not a signature:
 * whoever rewrites every entry consistently can forge a file, so a model file from an untrusted source is only as
 * good as that source; it can never make this library run code (nothing in it is deserialized as Java objects) nor
 * take more memory than {@link #WEIGHTS_CAP}. Files are written atomically; reading refuses anything it cannot vouch
 * for with an IllegalArgumentException that says why. This class owns the zip, the checksums and the format version;
 * what each kind writes and requires is its {@link ModelCodec}'s ({@link ModelCodecs}).
 *
 * <p>{@code ModelFile.save(posterior, path); NpePosterior q = ModelFile.load(path, TaskCatalog::byName);}
 */
public final class ModelFile {
    /** The format tag every model file carries. */
    public static final String FORMAT = "amortizer-model";
    /** The newest format version this library writes and reads. */
    public static final int FORMAT_VERSION = 11;
    /** The largest manifest read: real ones are a few KiB. */
    public static final int MANIFEST_CAP = 1 << 20;
    /** The largest weights entry read, in inflated bytes: {@link BoundedZip#heapBoundedCap()}. */
    public static final int WEIGHTS_CAP = BoundedZip.heapBoundedCap();
    static final String MANIFEST_ENTRY = "manifest.json";
    static final String MANIFEST_CHECKSUM_ENTRY = "manifest.sha256";
    static final String NETWORK_ENTRY = "network.bin";
    private static final int CHECKSUM_CAP = 128;

    // an untrusted manifest gets no lenience: a key given twice (the last would win unseen), text after the object,
    // or "2" or 2.5 where a whole number belongs is refused, not read as 2
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ModelFile() {
    }

    /** Writes {@code posterior} to {@code file} atomically: a failed save leaves no file and no temporary. */
    public static void save(NpePosterior posterior, Path file) throws IOException {
        saveAny(posterior, file);
    }

    /** Writes a posterior of any kind that a {@link ModelCodec} handles (npe, nle, nre, point) atomically. */
    public static void saveAny(AmortisedPosterior posterior, Path file) throws IOException {
        ModelCodec codec = ModelCodecs.writing(posterior);
        byte[] network = codec.weights(posterior);
        ModelManifest manifest = codec.manifest(posterior, new ModelManifest.Weights(NETWORK_ENTRY, sha256(network)));
        write(file, JSON.writeValueAsBytes(manifest), network);
    }

    /**
     * Reads a model of any kind; {@code taskResolver} as for {@link #load}. An NPE model comes back as an
     * {@link NpePosterior}, the others as {@code NlePosterior}, {@code NrePosterior} or {@code PointPosterior}.
     */
    public static AmortisedPosterior loadAny(Path file, Function<String, Task> taskResolver) throws IOException {
        return restore(file, read(file, WEIGHTS_CAP), taskResolver);
    }

    private static AmortisedPosterior restore(Path file, Archive a, Function<String, Task> taskResolver) {
        ModelManifest m = a.manifest();
        Task task = resolve(file, m, taskResolver);
        if (task instanceof ServedTask && a.codec().needsTaskCode()) {
            throw new IllegalArgumentException(file + ": no task named " + Quoted.of(m.task()) + " is known, and an "
                    + m.kind() + " model answers by MCMC on the prior's density, which only the task has; make the"
                    + " task available (npe and point models can be served from the file alone)");
        }
        try {
            return a.codec().restore(m, task, a.network());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static Task resolve(Path file, ModelManifest m, Function<String, Task> taskResolver) {
        Task task = taskResolver.apply(m.task());
        if (task == null) {
            // a user's task whose code is not here: the file carries what sampling needs
            try {
                return ServedTask.of(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        checkTask(file, m, task);
        if (m.taskFingerprint() != null) {
            try {
                m.taskFingerprint().check(task, m.parameterDim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return task;
    }

    private static void write(Path file, byte[] manifest, byte[] network) throws IOException {
        byte[] checksum = sha256(manifest).getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.putNextEntry(new ZipEntry(MANIFEST_ENTRY));
            zip.write(manifest);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MANIFEST_CHECKSUM_ENTRY));
            zip.write(checksum);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
            zip.write(network);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** The manifest alone, checked for format and version, e.g. to find the task before loading. */
    public static ModelManifest readManifest(Path file) throws IOException {
        return read(file, WEIGHTS_CAP).manifest();
    }

    /**
     * Reads a model; {@code taskResolver} turns the manifest's task name into the {@link Task} (such as
     * {@code TaskCatalog::byName}), whose dimensions must match the model's.
     */
    public static NpePosterior load(Path file, Function<String, Task> taskResolver) throws IOException {
        Archive a = read(file, WEIGHTS_CAP);
        if (!"npe".equals(a.manifest().kind())) {
            throw new IllegalArgumentException(file + ": this is an " + Quoted.of(a.manifest().kind()) + " model, not"
                    + " an npe one; load it with ModelFile.loadAny");
        }
        return (NpePosterior) restore(file, a, taskResolver);
    }

    /** A model file's checked manifest, the codec of its kind, and the weights its checksum vouches for. */
    record Archive(ModelManifest manifest, ModelCodec codec, byte[] network) {
    }

    /**
     * Reads and checks everything but the task: one bounded pass over the zip ({@link BoundedZip}, with
     * {@code weightsCap} for the weights), then the manifest, its checksum (format 5) and the weights' checksum.
     */
    static Archive read(Path file, int weightsCap) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "model file not found");
        }
        Map<String, byte[]> entries;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            entries = BoundedZip.read(in, file.toString(), "model file", Map.of(MANIFEST_ENTRY, MANIFEST_CAP,
                    MANIFEST_CHECKSUM_ENTRY, CHECKSUM_CAP, NETWORK_ENTRY, weightsCap));
        }
        byte[] manifestBytes = entries.get(MANIFEST_ENTRY);
        if (manifestBytes == null) {
            throw new IllegalArgumentException(file + ": not an Amortizer model file (the zip holds no "
                    + MANIFEST_ENTRY + ")");
        }
        ModelManifest m = manifest(file, manifestBytes);
        ModelCodec codec = codec(file, m);
        byte[] checksum = entries.get(MANIFEST_CHECKSUM_ENTRY);
        if (m.formatVersion() >= 5) {
            String actual = sha256(manifestBytes);
            String recorded = checksum == null ? null : new String(checksum, StandardCharsets.US_ASCII).trim();
            if (!actual.equalsIgnoreCase(String.valueOf(recorded))) {
                throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " was damaged or edited (SHA-256 "
                        + actual + ", " + MANIFEST_CHECKSUM_ENTRY + " says " + recorded + ")");
            }
            if (m.taskFingerprint() == null) {
                throw new IllegalArgumentException(file + ": a format-" + m.formatVersion() + " manifest needs its"
                        + " taskFingerprint");
            }
        } else if (checksum != null) {
            throw new IllegalArgumentException(file + ": a format-" + m.formatVersion() + " model file has no "
                    + MANIFEST_CHECKSUM_ENTRY + " entry, this one does");
        }
        return new Archive(m, codec, networkBytes(file, entries, m));
    }

    /** The manifest, upgraded to the current field meanings ({@link ManifestUpgrade}), its tag and version checked. */
    private static ModelManifest manifest(Path file, byte[] bytes) {
        ModelManifest m;
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || tree.isMissingNode()) {
                throw new IllegalArgumentException("no content");
            }
            if (tree instanceof ObjectNode object) {
                ManifestUpgrade.toCurrent(object, object.path("formatVersion").asInt(ModelFile.FORMAT_VERSION));
            }
            m = JSON.treeToValue(tree, ModelManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " is unreadable: "
                    + Quoted.plain(e.getMessage(), 300), e);
        }
        if (m == null || m.kind() == null) {
            throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " names no model kind; expected "
                    + ModelCodecs.readable());
        }
        if (!FORMAT.equals(m.format())) {
            throw new IllegalArgumentException(file + ": format tag is " + Quoted.of(m.format()) + ", expected '" + FORMAT
                    + "'; not an Amortizer model file");
        }
        if (m.formatVersion() > FORMAT_VERSION) {
            throw new IllegalArgumentException(file + ": format version " + m.formatVersion() + " was written by a"
                    + " newer Amortizer; this one reads versions up to " + FORMAT_VERSION + ", please upgrade");
        }
        if (m.formatVersion() < 1) {
            throw new IllegalArgumentException(file + ": format version " + m.formatVersion()
                    + " is invalid, expected 1.." + FORMAT_VERSION);
        }
        return m;
    }

    /** The codec of the manifest's kind, once it has checked the fields its kind needs. */
    private static ModelCodec codec(Path file, ModelManifest m) {
        try {
            ModelCodec codec = ModelCodecs.reading(m);
            codec.check(m);
            return codec;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] networkBytes(Path file, Map<String, byte[]> entries, ModelManifest m) {
        if (!NETWORK_ENTRY.equals(m.weights().entry())) {
            throw new IllegalArgumentException(file + ": the manifest names the weights entry " + Quoted.of(m.weights().entry())
                    + "', expected '" + NETWORK_ENTRY + "'");
        }
        byte[] bytes = entries.get(NETWORK_ENTRY);
        if (bytes == null) {
            throw new IllegalArgumentException(file + ": the weights entry '" + NETWORK_ENTRY + "' is missing");
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(String.valueOf(m.weights().sha256()))) {
            throw new IllegalArgumentException(file + ": checksum mismatch, the weights were damaged or altered"
                    + " (SHA-256 " + actual + ", manifest says " + Quoted.of(m.weights().sha256()) + ")");
        }
        return bytes;
    }

    private static void checkTask(Path file, ModelManifest m, Task task) {
        if (m.parameterDim() != task.parameterDim() || m.dataDim() != task.dataDim()
                || !m.parameterNames().equals(task.parameterNames()) || !m.dataNames().equals(task.dataNames())) {
            throw new IllegalArgumentException(file + ": the model has θ " + m.parameterNames() + " ("
                    + m.parameterDim() + ") and x " + m.dataNames() + " (" + m.dataDim() + "), but task "
                    + task.name() + " has θ " + task.parameterNames() + " (" + task.parameterDim() + ") and x "
                    + task.dataNames() + " (" + task.dataDim() + ")");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
