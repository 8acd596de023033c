package dev.amortizer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * sbibm's reference data, read in place (never copied): {@code <root>/<task>/num_observation_<k>/}
 * holds {@code observation.csv.gz}, {@code true_parameters.csv.gz} and
 * {@code reference_posterior_samples.csv.gz} (or, in the project's own {@code datasets/},
 * {@value #OWN_REFERENCE_FILE}, named apart so that no file here can be mistaken for sbibm's).
 *
 * <p>The root is {@code -Damortizer.sbibm=DIR}, else {@code $AMORTIZER_SBIBM}, else the first
 * {@code shared/sbibm} found walking up from the working directory. The value {@value #OPT_OUT} says that there is
 * none on purpose: {@link #locate()} finds nothing, and the tests that need it are skipped with that reason.
 */
public final class SbibmData {
    /** The number of observations per task. */
    public static final int OBSERVATIONS = 10;
    /** sbibm's name for the reference draws. */
    public static final String SBIBM_REFERENCE_FILE = "reference_posterior_samples.csv.gz";
    /** The project's own name for its reference draws, in {@code datasets/}. */
    public static final String OWN_REFERENCE_FILE = "reference_samples.csv.gz";
    /** The value of {@code amortizer.sbibm} or {@code AMORTIZER_SBIBM} that opts out of sbibm's data. */
    public static final String OPT_OUT = "none";

    private final Path root;

    public SbibmData(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("sbibm data folder not found: " + root);
        }
        this.root = root;
    }

    /** The data found by the rules above, if any. */
    public static Optional<SbibmData> locate() {
        String configured = configured();
        if (OPT_OUT.equals(configured)) {
            return Optional.empty();
        }
        if (configured != null) {
            return Optional.of(new SbibmData(Path.of(configured)));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("sbibm");
            if (Files.isDirectory(candidate)) {
                return Optional.of(new SbibmData(candidate));
            }
        }
        return Optional.empty();
    }

    /** The folder named by {@code -Damortizer.sbibm} or {@code $AMORTIZER_SBIBM} (stripped), or null if neither is set. */
    public static String configured() {
        String value = System.getProperty("amortizer.sbibm", System.getenv("AMORTIZER_SBIBM"));
        return value == null || value.isBlank() ? null : value.strip();
    }

    public Path root() {
        return root;
    }

    /** The folder of observation {@code k} (1..10) of {@code task}. */
    public Path folder(String task, int k) {
        if (k < 1 || k > OBSERVATIONS) {
            throw new IllegalArgumentException("observation number must be 1.." + OBSERVATIONS + ", got " + k);
        }
        Path dir = root.resolve(task).resolve("num_observation_" + k);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no sbibm data for task " + Quoted.of(task) + " observation " + k + " at " + dir);
        }
        return dir;
    }

    public Path observationFile(String task, int k) {
        return folder(task, k).resolve("observation.csv.gz");
    }

    /** sbibm's reference file, or the project's own where that is what the folder holds. */
    public Path referenceFile(String task, int k) {
        Path folder = folder(task, k);
        Path sbibm = folder.resolve(SBIBM_REFERENCE_FILE);
        Path own = folder.resolve(OWN_REFERENCE_FILE);
        return !Files.exists(sbibm) && Files.exists(own) ? own : sbibm;
    }

    /** x_o of observation {@code k}. */
    public double[] observation(String task, int k) {
        try {
            return SamplesCsv.readSingleRow(observationFile(task, k), -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** θ* of observation {@code k}. */
    public double[] trueParameters(String task, int k) {
        try {
            return SamplesCsv.readSingleRow(folder(task, k).resolve("true_parameters.csv.gz"), -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 10,000 reference posterior samples of observation {@code k}. */
    public Samples reference(String task, int k) {
        try {
            return SamplesCsv.read(referenceFile(task, k));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
