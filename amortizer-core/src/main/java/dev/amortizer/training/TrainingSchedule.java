package dev.amortizer.training;

import dev.amortizer.nn.TrainingFieldChecks;

/**
 * How a network is trained, apart from what it is: Adam on shuffled minibatches with global-norm clipping, the
 * best validation loss on a held-out share kept, the learning rate decayed on plateaus and training stopped after
 * {@code patience} epochs without a new best. Every amortiser's configuration holds one ({@code config.schedule()});
 * model files store its fields flat inside the configuration.
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
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        TrainingFieldChecks.range("maxEpochs", maxEpochs, 1, 100_000);
        TrainingFieldChecks.range("patience", patience, 1, 100_000);
        if (!(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.5], got " + validationFraction);
        }
        if (!(gradientClip > 0) || !Double.isFinite(gradientClip)) {
            throw new IllegalArgumentException("gradientClip must be a finite number > 0, got " + gradientClip);
        }
        if (!(decayFactor > 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in (0, 1], got " + decayFactor);
        }
        TrainingFieldChecks.range("decayPatience", decayPatience, 1, 100_000);
    }

    /** Whether training goes on after {@code epoch} epochs, the best at {@code bestEpoch}. */
    public boolean continuesAfter(int epoch, int bestEpoch) {
        return epoch < maxEpochs && epoch - bestEpoch < patience;
    }

    /** Whether the learning rate decays now: {@code decayPatience} epochs since the last best or decay. */
    public boolean decaysAfter(int epoch, int bestEpoch, int lastDecay) {
        return decayFactor < 1 && epoch - Math.max(bestEpoch, lastDecay) >= decayPatience;
    }

    /**
     * Refuses a missing schedule, or one whose gradient clip is not {@code clip}: for configurations whose model
     * files do not store the clip because it is fixed.
     */
    public static void requireFixedClip(TrainingSchedule schedule, double clip) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        if (schedule.gradientClip != clip) {
            throw new IllegalArgumentException("gradientClip is fixed at " + clip + " here, got "
                    + schedule.gradientClip);
        }
    }

    /** The same schedule with another minibatch size. */
    public TrainingSchedule withBatchSize(int rows) {
        return new TrainingSchedule(rows, learningRate, maxEpochs, patience, validationFraction, gradientClip,
                decayFactor, decayPatience);
    }

    /** The same schedule with another initial step size. */
    public TrainingSchedule withLearningRate(double rate) {
        return new TrainingSchedule(batchSize, rate, maxEpochs, patience, validationFraction, gradientClip,
                decayFactor, decayPatience);
    }

    /** The same schedule with another epoch cap and patience. */
    public TrainingSchedule withEpochs(int max, int stopAfter) {
        return new TrainingSchedule(batchSize, learningRate, max, stopAfter, validationFraction, gradientClip,
                decayFactor, decayPatience);
    }

    /** The same schedule with another learning-rate decay on plateaus. */
    public TrainingSchedule withDecay(double factor, int afterEpochs) {
        return new TrainingSchedule(batchSize, learningRate, maxEpochs, patience, validationFraction, gradientClip,
                factor, afterEpochs);
    }
}
