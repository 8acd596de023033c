package dev.amortizer.training;

import dev.amortizer.nn.TrainingFieldChecks;

/**
 * How a network is trained, apart from what it is: Adam on shuffled minibatches with global-norm clipping, the
 * best validation loss on a held-out share kept, the learning rate decayed on plateaus and training stopped after
 * {@code patience} epochs without a new best. Every amortiser's configuration gives one ({@code config.schedule()}).
 *
 * <p>{@code TrainingSchedule s = new TrainingSchedule(256, 1e-3, 500, 20, 0.1, 5.0, 0.5, 10);}
 *
 * @param batchSize          minibatch rows (1..1,000,000)
 * @param learningRate       Adam's initial step size, in (0, 1]
 * @param maxEpochs          cap on passes over the training rows (1..100,000)
 * @param patience           stop after this many epochs without a new best validation loss (1..100,000)
 * @param validationFraction share of the kept pairs held out for early stopping, in (0, 0.5]
 * @param gradientClip       cap on the gradient's norm, finite and &gt; 0
 * @param decayFactor        multiplies the learning rate after {@code decayPatience} epochs without a new best, in
 *                           (0, 1]; 1 keeps it constant
 * @param decayPatience      epochs without a new best before each decay (1..100,000)
 */
public record TrainingSchedule(int batchSize, double learningRate, int maxEpochs, int patience,
                               double validationFraction, double gradientClip, double decayFactor,
                               int decayPatience) {
    public TrainingSchedule {
        TrainingFieldChecks.range("batchSize", batchSize, 1, 1_000_000);
        TrainingFieldChecks.schedule(learningRate, maxEpochs, patience, validationFraction, decayFactor,
                decayPatience);
        if (!(gradientClip > 0) || !Double.isFinite(gradientClip)) {
            throw new IllegalArgumentException("gradientClip must be a finite number > 0, got " + gradientClip);
        }
    }

    /** Whether training goes on after {@code epoch} epochs, the best at {@code bestEpoch}. */
    public boolean continuesAfter(int epoch, int bestEpoch) {
        return epoch < maxEpochs && epoch - bestEpoch < patience;
    }

    /** Whether the learning rate decays now: {@code decayPatience} epochs since the last best or decay. */
    public boolean decaysAfter(int epoch, int bestEpoch, int lastDecay) {
        return decayFactor < 1 && epoch - Math.max(bestEpoch, lastDecay) >= decayPatience;
    }
}
