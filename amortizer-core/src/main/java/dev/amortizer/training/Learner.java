package dev.amortizer.training;

import dev.amortizer.random.Rng;

/**
 * What {@link EpochLoop} trains (for every network Adam on an {@link EpochLoop.Objective}, {@code AdamLearner}): a
 * network with its optimiser, stepped on minibatches, scored on held-out rows, its best weights kept, and its whole
 * state saved to and resumed from a checkpoint.
 */
public interface Learner {
    /** One optimiser step on the training rows order[from … to); {@code stepRng} is this minibatch's generator. */
    void step(int[] order, int from, int to, Rng stepRng);

    /** The mean loss over the held-out rows with the current weights, in standardised units. */
    double validationLoss();

    /** Keeps the current weights as the best so far. */
    void keepBest();

    /** Puts the best weights kept back in place. */
    void restoreBest();

    double learningRate();

    void setLearningRate(double rate);

    /** Writes {@code progress} and this learner's state (weights, optimiser, best weights) to the checkpoint. */
    void save(Checkpoint checkpoint, EpochProgress progress);

    /**
     * Restores this learner from the checkpoint's file and returns the progress saved with it, or null if there is
     * no file; another run's or a damaged file is an IllegalArgumentException.
     */
    EpochProgress resume(Checkpoint checkpoint);
}
