package dev.amortizer.campaign;

import dev.amortizer.task.FailureCounts;
import java.util.List;
import java.util.Map;

/**
 * Where a model's training pairs came from, as its model file records it: simulated by the training itself (a
 * {@link SimulationCampaign}), or read from files (their names and SHA-256s, so that the pairs can be traced), and
 * the failed simulations among them by kind.
 *
 * @param origin   {@value #SIMULATED} or {@value #FILES}
 * @param files    for {@value #FILES}: each file's name (without its folder: a model file carries no machine path)
 *                 and SHA-256; empty otherwise
 * @param failures failed simulations by kind ({@link FailureCounts#byKind()}); empty when none failed
 */
public record SimulationSource(String origin, List<SourceFile> files, Map<String, Long> failures) {
    /** Pairs simulated by the training run. */
    public static final String SIMULATED = "simulated";
    /** Pairs read from files. */
    public static final String FILES = "files";

    /**
     * One input file.
     *
     * @param name   its file name
     * @param sha256 the SHA-256 of its bytes, 64 hexadecimal digits
     */
    public record SourceFile(String name, String sha256) {
        public SourceFile {
            if (name == null || name.isBlank() || sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("a source file needs a name and a SHA-256 of 64 hex digits, got "
                        + name + " and " + sha256);
            }
        }
    }

    public SimulationSource {
        if (!SIMULATED.equals(origin) && !FILES.equals(origin)) {
            throw new IllegalArgumentException("simulation origin must be " + SIMULATED + " or " + FILES + ", got "
                    + origin);
        }
        files = files == null ? List.of() : List.copyOf(files);
        if (SIMULATED.equals(origin) != files.isEmpty()) {
            throw new IllegalArgumentException("pairs read from files name them, simulated ones name none; got "
                    + origin + " with " + files.size() + " files");
        }
        failures = new FailureCounts(failures == null ? Map.of() : failures).byKind();
    }

    /** Pairs simulated by the training, with their failures. */
    public static SimulationSource simulated(FailureCounts failures) {
        return new SimulationSource(SIMULATED, List.of(), failures.byKind());
    }

    /** Pairs read from {@code files}, with their failures. */
    public static SimulationSource files(List<SourceFile> files, FailureCounts failures) {
        return new SimulationSource(FILES, files, failures.byKind());
    }
}
