package dev.amortizer.training;

import dev.amortizer.cost.Cost;

/**
 * Where {@link EpochLoop} stands after an epoch, as every checkpoint stores it beside the learner's weights.
 *
 * @param epoch     epochs run
 * @param bestEpoch the epoch of the best validation loss (0 before any)
 * @param lastDecay the epoch of the last learning-rate decay (0 before any)
 * @param bestLoss  the best validation loss so far (+∞ before any)
 * @param spent     training time spent in all processes up to now ({@link CarriedCost})
 */
public record EpochProgress(int epoch, int bestEpoch, int lastDecay, double bestLoss, Cost spent) {
    /** Before the first epoch. */
    public static final EpochProgress START = new EpochProgress(0, 0, 0, Double.POSITIVE_INFINITY, Cost.ZERO);
}
