package dev.amortizer.nn;

import java.util.List;

/**
 * Checks of the fields that the configurations of the network-based estimators share (hidden layers and integer
 * ranges; the training schedule checks its own), each throwing {@link IllegalArgumentException} with the field's
 * name, its allowed range and the value given.
 *
 * <p>{@code TrainingFieldChecks.range("atoms", atoms, 2, 1000);}
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

    /** {@code value} in {@code lo..hi}, both included. */
    public static void range(String name, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + value);
        }
    }
}
