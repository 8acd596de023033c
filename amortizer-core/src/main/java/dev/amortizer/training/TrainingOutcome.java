package dev.amortizer.training;

/**
 * How a training run went: the weights kept are those of {@code bestEpoch}.
 *
 * @param epochs             epochs run in all (those of resumed checkpoints included)
 * @param bestEpoch          the epoch whose weights were kept (1-based)
 * @param bestValidationLoss the held-out loss at {@code bestEpoch}
 * @param wallSeconds        the time this process spent on the run
 * @param stopReason         why it stopped
 */
public record TrainingOutcome(int epochs, int bestEpoch, double bestValidationLoss, double wallSeconds,
                              StopReason stopReason) {
    /** Why a run stopped. */
    public enum StopReason {
        /** {@code patience} epochs passed without a new best validation loss. */
        PATIENCE,
        /** The epoch cap was reached. */
        MAX_EPOCHS
    }

    /** The outcome of a run that ended after {@code epochs} under {@code schedule}. */
    public static TrainingOutcome of(int epochs, int bestEpoch, double bestLoss, long startNanos,
                                     TrainingSchedule schedule) {
        StopReason reason = epochs - bestEpoch >= schedule.patience() ? StopReason.PATIENCE : StopReason.MAX_EPOCHS;
        return new TrainingOutcome(epochs, bestEpoch, bestLoss, (System.nanoTime() - startNanos) / 1e9, reason);
    }
}
