package dev.amortizer.nn;

import java.util.List;

/**
 * Checks of the training fields that the configurations of the network-based estimators share (hidden layers,
 * minibatch size, Adam's step, early stopping and learning-rate decay), each throwing
 * {@link IllegalArgumentException} with the field's name, its allowed range and the value given.
 *
 * <p>{@code TrainingFieldChecks.schedule(learningRate, maxEpochs, patience, validationFraction, decayFactor, decayPatience);}
 */
public final class TrainingFieldChecks {
    private TrainingFieldChecks() {
    }

    /** At least one hidden width, each in 1..4096, and a non-null activation. */
    public static void hiddenLayers(List<Integer> hiddenWidths, HiddenActivation activation) {
        if (hiddenWidths == null || hiddenWidths.isEmpty()
                || hiddenWidths.stream().anyMatch(w -> w == null || w < 1 || w > 4096)) {
            throw new IllegalArgumentException("hiddenWidths must list widths in 1..4096, got " + hiddenWidths);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must be one of TANH, RELU, got null");
        }
    }

    /**
     * Adam's step in (0, 1], epochs and patience in 1..100,000, a held-out share in (0, 0.5], a decay factor in
     * (0, 1] and a decay patience in 1..100,000.
     */
    public static void schedule(double learningRate, int maxEpochs, int patience, double validationFraction,
                                double decayFactor, int decayPatience) {
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        range("maxEpochs", maxEpochs, 1, 100_000);
        range("patience", patience, 1, 100_000);
        if (!(validationFraction > 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 0.5], got " + validationFraction);
        }
        if (!(decayFactor > 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("decayFactor must be in (0, 1], got " + decayFactor);
        }
        range("decayPatience", decayPatience, 1, 100_000);
    }

    /** {@code value} in {@code lo..hi}, both included. */
    public static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + value);
        }
    }
}
