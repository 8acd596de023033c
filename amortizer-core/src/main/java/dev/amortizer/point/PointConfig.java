package dev.amortizer.point;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import dev.amortizer.training.TrainingSchedule;
import java.util.Arrays;
import java.util.List;

/**
 * How {@link PointEstimation} builds and trains its network: the quantile levels and the network's architecture, and
 * its training schedule with the fixed {@link #GRADIENT_CLIP}. Model files store the schedule's fields flat among the
 * others', without the clip.
 *
 * @param levels             the quantile levels τ_1 &lt; … &lt; τ_L learned for each parameter, each in (0, 1); must
 *                           include 0.5 (the median)
 * @param hiddenWidths       hidden layer widths (at least one, each 1..4096)
 * @param activation         their nonlinearity
 * @param schedule           how it is trained; its gradient clip must be {@link #GRADIENT_CLIP}
 */
public record PointConfig(double[] levels, List<Integer> hiddenWidths, HiddenActivation activation,
                          @JsonUnwrapped @JsonIgnoreProperties("gradientClip") TrainingSchedule schedule) {
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
        TrainingSchedule.requireFixedClip(schedule, GRADIENT_CLIP);
    }

    /** Global-norm cap on the gradient; a safety net, not tuned, and not stored in model files. */
    public static final double GRADIENT_CLIP = 5.0;

    /** The form model files store: the schedule's fields flat, without the fixed clip. */
    @JsonCreator
    private static PointConfig stored(@JsonProperty("levels") double[] levels,
                                      @JsonProperty("hiddenWidths") List<Integer> hiddenWidths,
                                      @JsonProperty("activation") HiddenActivation activation,
                                      @JsonProperty("batchSize") int batchSize,
                                      @JsonProperty("learningRate") double learningRate,
                                      @JsonProperty("maxEpochs") int maxEpochs, @JsonProperty("patience") int patience,
                                      @JsonProperty("validationFraction") double validationFraction,
                                      @JsonProperty("decayFactor") double decayFactor,
                                      @JsonProperty("decayPatience") int decayPatience) {
        return new PointConfig(levels, hiddenWidths, activation, new TrainingSchedule(batchSize, learningRate,
                maxEpochs, patience, validationFraction, GRADIENT_CLIP, decayFactor, decayPatience));
    }

    /**
     * Nine levels (2.5, 5, 10, 25, 50, 75, 90, 95, 97.5%: 90% and 95% intervals, and enough of the quantile function
     * to draw from), two tanh layers of 64, batch 256, Adam at 10⁻³ halved after 10 epochs without a new best,
     * stopping after 30.
     */
    public static PointConfig defaults() {
        return new PointConfig(new double[] {0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975}, List.of(64, 64),
                HiddenActivation.TANH, new TrainingSchedule(256, 1e-3, 500, 30, 0.1, GRADIENT_CLIP, 0.5, 10));
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
        return new PointConfig(levels, widths, act, schedule);
    }

    /** The same settings with another epoch cap and patience. */
    public PointConfig withEpochs(int max, int stopAfter) {
        return new PointConfig(levels, hiddenWidths, activation, schedule.withEpochs(max, stopAfter));
    }

    /** The same settings with another training schedule. */
    public PointConfig withSchedule(TrainingSchedule s) {
        return new PointConfig(levels, hiddenWidths, activation, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointConfig p && Arrays.equals(levels, p.levels) && hiddenWidths.equals(p.hiddenWidths)
                && activation == p.activation && schedule.equals(p.schedule);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels) * 31 + hiddenWidths.hashCode();
    }

    @Override
    public String toString() {
        return "PointConfig[levels=" + Arrays.toString(levels) + ", hiddenWidths=" + hiddenWidths + ", activation="
                + activation + ", schedule=" + schedule + "]";
    }
}
