package dev.amortizer.training;

/**
 * One epoch of a training run, as a {@link TrainingListener} hears it.
 *
 * @param label          the run, such as "NPE-mdn" or "NLE-maf"
 * @param epoch          epochs done (1-based)
 * @param maxEpochs      the schedule's cap
 * @param validationLoss this epoch's held-out loss
 * @param bestLoss       the best held-out loss so far
 * @param bestEpoch      the epoch that reached it
 */
public record EpochReport(String label, int epoch, int maxEpochs, double validationLoss, double bestLoss,
                          int bestEpoch) {
}
