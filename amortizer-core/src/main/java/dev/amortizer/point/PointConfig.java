package dev.amortizer.point;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import dev.amortizer.training.TrainingSchedule;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link PointEstimation} builds and trains its network.
 *
 * @param levels             the quantile levels τ_1 &lt; … &lt; τ_L learned for each parameter, each in (0, 1); must
 *                           include 0.5 (the median)
 * @param hiddenWidths       hidden layer widths (at least one, each 1..4096)
 * @param activation         their nonlinearity
 * @param batchSize          minibatch rows (1..1,000,000)
 * @param learningRate       Adam's initial step size, in (0, 1]
 * @param maxEpochs          cap on passes over the training rows (1..100,000)
 * @param patience           stop after this many epochs without a new best validation loss (1..100,000)
 * @param validationFraction share of the pairs held out for early stopping, in (0, 0.5]
 * @param decayFactor        multiplies the learning rate after {@code decayPatience} epochs without a new best,
 *                           in (0, 1]
 * @param decayPatience      epochs without a new best before each decay (1..100,000)
 */
public record PointConfig(double[] levels, List<Integer> hiddenWidths, HiddenActivation activation, int batchSize,
                          double learningRate, int maxEpochs, int patience, double validationFraction,
                          double decayFactor, int decayPatience) {
    public PointConfig {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels must list at least one quantile level, got "
                    + Arrays.toString(levels));
        }
        levels = levels.clone();
        boolean median = false;
        for (int k = 0; k < levels.length; k++) {
            if (!(levels[k] > 0 && levels[k] < 1) || k > 0 && !(levels[k] > levels[k - 1])) {
                throw new IllegalArgumentException("levels must increase strictly inside (0, 1), got "
                        + Arrays.toString(levels));
            }
            median |= levels[k] == 0.5;
        }
        if (!median) {
            throw new IllegalArgumentException("levels must include 0.5 (the median), got " + Arrays.toString(levels));
        }
        TrainingFieldChecks.hiddenLayers(hiddenWidths, activation);
        hiddenWidths = List.copyOf(hiddenWidths);
        TrainingFieldChecks.range("batchSize", batchSize, 1, 1_000_000);
        TrainingFieldChecks.schedule(learningRate, maxEpochs, patience, validationFraction, decayFactor,
                decayPatience);
    }

    /** Global-norm cap on the gradient; a safety net, not tuned. */
    public static final double GRADIENT_CLIP = 5.0;

    /** The training settings apart from the architecture, with the fixed gradient clip. */
    public TrainingSchedule schedule() {
        return new TrainingSchedule(batchSize, learningRate, maxEpochs, patience, validationFraction, GRADIENT_CLIP,
                decayFactor, decayPatience);
    }

    /**
     * Nine levels (2.5, 5, 10, 25, 50, 75, 90, 95, 97.5%: 90% and 95% intervals, and enough of the quantile function
     * to draw from), two tanh layers of 64, batch 256, Adam at 10⁻³ halved after 10 epochs without a new best,
     * stopping after 30.
     */
    public static PointConfig defaults() {
        return new PointConfig(new double[] {0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975}, List.of(64, 64),
                HiddenActivation.TANH, 256, 1e-3, 500, 30, 0.1, 0.5, 10);
    }

    /** A copy of the levels. */
    @Override
    public double[] levels() {
        return levels.clone();
    }

    /** The index of the median among the levels. */
    public int medianIndex() {
        return Arrays.binarySearch(levels, 0.5);
    }

    /** The same settings with other hidden layers. */
    public PointConfig withHidden(List<Integer> widths, HiddenActivation act) {
        return new PointConfig(levels, widths, act, batchSize, learningRate, maxEpochs, patience, validationFraction,
                decayFactor, decayPatience);
    }

    /** The same settings with another epoch cap and patience. */
    public PointConfig withEpochs(int max, int stopAfter) {
        return new PointConfig(levels, hiddenWidths, activation, batchSize, learningRate, max, stopAfter,
                validationFraction, decayFactor, decayPatience);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointConfig p && Arrays.equals(levels, p.levels) && hiddenWidths.equals(p.hiddenWidths)
                && activation == p.activation && batchSize == p.batchSize && learningRate == p.learningRate
                && maxEpochs == p.maxEpochs && patience == p.patience && validationFraction == p.validationFraction
                && decayFactor == p.decayFactor && decayPatience == p.decayPatience;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels) * 31 + hiddenWidths.hashCode();
    }

    @Override
    public String toString() {
        return "PointConfig[levels=" + Arrays.toString(levels) + ", hiddenWidths=" + hiddenWidths + ", activation="
                + activation + ", batchSize=" + batchSize + ", learningRate=" + learningRate + ", maxEpochs="
                + maxEpochs + ", patience=" + patience + "]";
    }
}
