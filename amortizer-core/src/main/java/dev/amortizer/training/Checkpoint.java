package dev.amortizer.training;

import java.nio.file.Path;

/**
 * Where a resumable run saves its state after every epoch, and whose state it is.
 *
 * @param file        the checkpoint file; an existing one of this run is resumed
 * @param fingerprint identifies the run, so that another run's checkpoint is refused
 * @param carried     told the time a resumed checkpoint had recorded
 */
public record Checkpoint(Path file, long fingerprint, CarriedCost carried) {
    public Checkpoint {
        if (file == null || carried == null) {
            throw new IllegalArgumentException("a checkpoint needs a file and a CarriedCost, got " + file + " and "
                    + carried);
        }
    }

    /** The same run's checkpoint for another member of an ensemble: its own file and fingerprint. */
    public Checkpoint sibling(String fileName, long otherFingerprint) {
        return new Checkpoint(file.resolveSibling(fileName), otherFingerprint, carried);
    }
}
