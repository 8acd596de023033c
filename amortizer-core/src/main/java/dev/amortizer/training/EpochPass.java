package dev.amortizer.training;

import dev.amortizer.random.Rng;

/**
 * How one epoch of {@link EpochLoop} visits the training rows: the minibatches it steps a learner on, in order, all
 * drawn from the epoch's own generator (rows held in memory and shuffled, or streamed from disk in chunks).
 */
@FunctionalInterface
public interface EpochPass {
    /** Steps {@code learner} once on every training row, in minibatches of at most {@code batchSize} rows. */
    void run(Learner learner, int batchSize, Rng epochRng);
}
