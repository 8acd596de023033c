package dev.amortizer.model;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.bijection.Bijection;
import dev.amortizer.bijection.CoordinateMap;
import dev.amortizer.estimator.Estimator;
import dev.amortizer.estimator.SupportHandling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.AtomicFiles;
import dev.amortizer.data.Quoted;
import dev.amortizer.data.BoundedZip;
import dev.amortizer.npe.NpePosterior;
import dev.amortizer.training.TrainingProvenance;
import dev.amortizer.training.Standardization;
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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * original) and the {@link TaskFingerprint}, checked against the task the manifest's name resolves to. Older formats
 * still load, without those two checks: they recorded nothing to check against. A checksum is not a signature:
 * whoever rewrites every entry consistently can forge a file, so a model file from an untrusted source is only as
 * good as that source; it can never make this library run code (nothing in it is deserialized as Java objects) nor
 * take more memory than {@link #WEIGHTS_CAP}. Files are written atomically; reading refuses anything it cannot vouch
 * for with an IllegalArgumentException that says why.
 *
 * <p>{@code ModelFile.save(posterior, path); NpePosterior q = ModelFile.load(path, TaskCatalog::byName);}
 */
public final class ModelFile {
    /** The format tag every model file carries. */
    public static final String FORMAT = "amortizer-model";
    /** The newest format version this library writes and reads. */
    public static final int FORMAT_VERSION = 5;
    /** The largest manifest read: real ones are a few KiB. */
    public static final int MANIFEST_CAP = 1 << 20;
    /** The largest weights entry read, in inflated bytes: {@link BoundedZip#heapBoundedCap()}. */
    public static final int WEIGHTS_CAP = BoundedZip.heapBoundedCap();
    static final String MANIFEST_ENTRY = "manifest.json";
    static final String MANIFEST_CHECKSUM_ENTRY = "manifest.sha256";
    static final String NETWORK_ENTRY = "network.bin";
    private static final int CHECKSUM_CAP = 128;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /** Writes {@code posterior} to {@code file} atomically: a failed save leaves no file and no temporary. */
    public static void save(NpePosterior posterior, Path file) throws IOException {
        byte[] network = posterior.weights();
        write(file, JSON.writeValueAsBytes(manifestOf(posterior, sha256(network))), network);
    }

    /** Writes a posterior of any kind (npe, nle, nre, point) atomically. */
    public static void saveAny(AmortisedPosterior posterior, Path file) throws IOException {
        if (posterior instanceof NpePosterior npe) {
            save(npe, file);
            return;
        }
        byte[] network = ModelKinds.weights(posterior);
        write(file, JSON.writeValueAsBytes(ModelKinds.manifest(posterior, NETWORK_ENTRY, sha256(network))), network);
    }

    /**
     * Reads a model of any kind; {@code taskResolver} as for {@link #load}. An NPE model comes back as an
     * {@link NpePosterior}, the others as {@code NlePosterior}, {@code NrePosterior} or {@code PointPosterior}.
     */
    public static AmortisedPosterior loadAny(Path file, Function<String, Task> taskResolver) throws IOException {
        Archive a = read(file, WEIGHTS_CAP);
        ModelManifest m = a.manifest();
        if ("npe".equals(m.kind())) {
            return npe(file, a, taskResolver);
        }
        Task task = resolve(file, m, taskResolver);
        if (task instanceof ServedTask && ("nle".equals(m.kind()) || "nre".equals(m.kind()))) {
            throw new IllegalArgumentException(file + ": no task named " + Quoted.of(m.task()) + " is known, and an "
                    + m.kind() + " model answers by MCMC on the prior's density, which only the task has; make the"
                    + " task available (npe and point models can be served from the file alone)");
        }
        try {
            return ModelKinds.restore(m, task, ledger(m.costs()), a.network());
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
        return npe(file, read(file, WEIGHTS_CAP), taskResolver);
    }

    private static NpePosterior npe(Path file, Archive a, Function<String, Task> taskResolver) {
        ModelManifest m = a.manifest();
        if (!"npe".equals(m.kind())) {
            throw new IllegalArgumentException(file + ": this is an " + Quoted.of(m.kind()) + " model, not an npe one;"
                    + " load it with ModelFile.loadAny");
        }
        Task task = resolve(file, m, taskResolver);
        try {
            var s = m.standardization();
            return NpePosterior.restore(task, m.config(), m.summary(),
                    Standardization.of(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd()), bijection(m),
                    new TrainingProvenance(m.seed(), m.simulations(), m.invalidSimulations(), m.training().epochs(),
                            m.training().bestEpoch(), m.training().validationLoss(), m.libraryVersion(),
                            m.simulationSource()),
                    ledger(m.costs()), a.network());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A model file's checked manifest and the weights its checksum vouches for. */
    record Archive(ModelManifest manifest, byte[] network) {
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
        return new Archive(m, networkBytes(file, entries, m));
    }

    private static ModelManifest manifestOf(NpePosterior q, String sha256) {
        Task task = q.task();
        Standardization s = q.standardization();
        TrainingProvenance p = q.provenance();
        Map<String, Cost> costs = new LinkedHashMap<>();
        q.costLedger().byPhase().forEach((phase, cost) -> costs.put(phase.label(), cost));
        return new ModelManifest(FORMAT, FORMAT_VERSION, "npe", q.config().estimator().label(), task.name(), task.parameterNames(),
                task.dataNames(), task.parameterDim(), task.dataDim(),
                new ModelManifest.Scaling(s.thetaMean(), s.thetaSd(), s.xMean(), s.xSd()), q.config(), p.seed(),
                p.libraryVersion(), p.simulations(), p.invalidSimulations(),
                new ModelManifest.Training(p.epochs(), p.bestEpoch(), p.validationLoss()), costs,
                new ModelManifest.Weights(NETWORK_ENTRY, sha256), bounds(q.bijection()), null, null, null,
                q.summary(), TaskFingerprint.of(task), p.source(), ServedTask.bounds(task));
    }

    private static List<ModelManifest.Bound> bounds(Bijection b) {
        if (b == null) {
            return null;
        }
        return b.maps().stream().map(c -> new ModelManifest.Bound(c.kind().name(), finite(c.lower()),
                finite(c.upper()))).toList();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Bijection bijection(ModelManifest m) {
        if (m.formatVersion() < 2) {
            return null;
        }
        if (m.config().support() == SupportHandling.TRUNCATION) {
            if (m.bijection() != null) {
                throw new IllegalArgumentException("the manifest lists a bijection but its config says the model was"
                        + " trained with truncation");
            }
            return null;
        }
        if (m.bijection() == null || m.bijection().size() != m.parameterDim()) {
            throw new IllegalArgumentException("the manifest's bijection must list one map per parameter ("
                    + m.parameterDim() + "), got " + m.bijection());
        }
        List<CoordinateMap> maps = new ArrayList<>();
        for (ModelManifest.Bound b : m.bijection()) {
            if (b == null) {
                throw new IllegalArgumentException("the manifest's bijection lists null for a parameter, expected"
                        + " {map, lower, upper}");
            }
            CoordinateMap.Kind kind;
            try {
                kind = CoordinateMap.Kind.valueOf(String.valueOf(b.map()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown bijection map " + Quoted.of(String.valueOf(b.map())) + "; known: "
                        + List.of(CoordinateMap.Kind.values()), e);
            }
            maps.add(new CoordinateMap(kind, b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower(),
                    b.upper() == null ? Double.POSITIVE_INFINITY : b.upper()));
        }
        return new Bijection(maps);
    }

    private static ModelManifest manifest(Path file, byte[] bytes) {
        ModelManifest m;
        try {
            m = JSON.readValue(bytes, ModelManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " is unreadable: "
                    + Quoted.plain(e.getMessage(), 300), e);
        }
        if (m == null || m.kind() == null) {
            throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " names no model kind; expected npe, "
                    + String.join(", ", ModelKinds.KINDS));
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
        if (ModelKinds.KINDS.contains(m.kind())) {
            if (m.formatVersion() < 3) {
                throw new IllegalArgumentException(file + ": model kind " + Quoted.of(m.kind()) + " needs format version 3,"
                        + " the manifest says " + m.formatVersion());
            }
            try {
                ModelKinds.check(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            return m;
        }
        boolean known = "npe".equals(m.kind()) && Arrays.stream(Estimator.values())
                .anyMatch(e -> e.label().equals(m.estimator()) && (e == Estimator.MDN || m.formatVersion() >= 2));
        if (!known) {
            throw new IllegalArgumentException(file + ": model kind " + Quoted.of(m.kind()) + " with estimator "
                    + Quoted.of(m.estimator()) + " is not supported; this version reads kinds npe (estimators "
                    + Arrays.stream(Estimator.values()).map(Estimator::label).toList() + "), "
                    + String.join(", ", ModelKinds.KINDS));
        }
        if (m.config() != null && !m.config().estimator().label().equals(m.estimator())) {
            throw new IllegalArgumentException(file + ": the manifest says estimator " + Quoted.of(m.estimator())
                    + " but its config is for '" + m.config().estimator().label() + "'");
        }
        if (m.task() == null || m.config() == null || m.standardization() == null || m.training() == null
                || m.weights() == null || m.parameterNames() == null || m.dataNames() == null) {
            throw new IllegalArgumentException(file + ": " + MANIFEST_ENTRY + " lacks a required field (task, config,"
                    + " standardization, training, weights, parameterNames, dataNames)");
        }
        return m;
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

    static CostLedger ledger(Map<String, Cost> costs) {
        EnumMap<Phase, Cost> byPhase = new EnumMap<>(Phase.class);
        if (costs != null) {
            for (Map.Entry<String, Cost> e : costs.entrySet()) {
                Phase phase;
                try {
                    phase = Phase.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("unknown cost phase " + Quoted.of(e.getKey()), ex);
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException("cost phase " + Quoted.of(e.getKey()) + " has no value (null)");
                }
                byPhase.put(phase, e.getValue());
            }
        }
        return CostLedger.of(byPhase);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
