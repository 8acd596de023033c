package dev.amortizer.training;

import dev.amortizer.cost.Stopwatch;
import java.nio.file.Path;

/**
 * Where a resumable run saves its state after every epoch, and whose state it is.
 *
 * @param file        the checkpoint file; an existing one of this run is resumed
 * @param fingerprint identifies the run, so that another run's checkpoint is refused
 * @param carried     told the time a resumed checkpoint had recorded
 * @param since       started when the trainer began, before it built its network: what each epoch's checkpoint
 *                    records as this process's time, so that the set-up (network construction, the first use of
 *                    ND4J in a process) is carried on resume as the epochs are
 */
public record Checkpoint(Path file, long fingerprint, CarriedCost carried, Stopwatch since) {
    public Checkpoint {
        if (file == null || carried == null || since == null) {
            throw new IllegalArgumentException("a checkpoint needs a file, a CarriedCost and a stopwatch, got " + file
                    + ", " + carried + " and " + since);
        }
    }

    /** A checkpoint whose trainer starts now. */
    public Checkpoint(Path file, long fingerprint, CarriedCost carried) {
        this(file, fingerprint, carried, Stopwatch.start());
    }

    /** The same run's checkpoint for another member of an ensemble, starting now: its own file and fingerprint. */
    public Checkpoint sibling(String fileName, long otherFingerprint) {
        return new Checkpoint(file.resolveSibling(fileName), otherFingerprint, carried);
    }
}
