package dev.amortizer.npe;

import dev.amortizer.amortiser.TrainingSimulations;
import dev.amortizer.random.Rng;

/**
 * Simulated pairs made ready for training: the finite pairs split into training and held-out rows
 * ({@link TrainingSimulations#trainingAndHeldOut}), the {@link Standardization} fitted on the training rows, and
 * every kept row z-scored with it. Rows are indexed as in the simulations; a dropped (non-finite) row is null in
 * {@link #theta()} and {@link #x()}.
 *
 * <p>{@code StandardizedSplit d = StandardizedSplit.of(sims, config.validationFraction(), rng.split());}
 *
 * @param standardization fitted on the training rows
 * @param training        indices of the training rows
 * @param heldOut         indices of the held-out rows (at least one)
 * @param theta           standardised θ by simulation index
 * @param x               standardised x by simulation index
 */
public record StandardizedSplit(Standardization standardization, int[] training, int[] heldOut, double[][] theta,
                                double[][] x) {
    /** Splits {@code sims} holding out {@code validationFraction} of the finite pairs, shuffled with {@code rng}. */
    public static StandardizedSplit of(TrainingSimulations sims, double validationFraction, Rng rng) {
        int[][] split = sims.trainingAndHeldOut(validationFraction, rng);
        Standardization s = Standardization.fit(sims.theta(), sims.x(), split[0]);
        int n = sims.theta().length;
        double[][] theta = new double[n][];
        double[][] x = new double[n][];
        for (int[] part : split) {
            for (int i : part) {
                theta[i] = s.standardizeTheta(sims.theta()[i]);
                x[i] = s.standardizeX(sims.x()[i]);
            }
        }
        return new StandardizedSplit(s, split[0], split[1], theta, x);
    }

    /** Training plus held-out rows: the finite pairs, which one epoch passes forward. */
    public int keptRows() {
        return training.length + heldOut.length;
    }

    /**
     * Where a network trained on this split came from: all simulations offered, the non-finite ones counted as
     * invalid, and this library's version.
     */
    public NpeProvenance provenance(long seed, int epochs, int bestEpoch, double validationLoss) {
        return new NpeProvenance(seed, theta.length, theta.length - keptRows(), epochs, bestEpoch, validationLoss,
                NpeProvenance.currentLibraryVersion());
    }
}
