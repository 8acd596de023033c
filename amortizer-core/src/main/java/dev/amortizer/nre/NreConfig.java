package dev.amortizer.nre;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;

/**
 * How {@link Nre} builds and trains its classifier: the loss, the atoms and the architecture, and its training
 * schedule with the fixed {@link #GRADIENT_CLIP}. Model files store the schedule's fields flat among the others',
 * without the clip.
 *
 * @param loss               NRE-B or NRE-C
 * @param atoms              K, candidate θ per x (2..1000)
 * @param gamma              NRE-C's odds γ of a set holding the joint pair, &gt; 0 (unused by NRE-B)
 * @param hiddenWidths       the classifier's hidden widths (at least one, each 1..4096)
 * @param activation         their nonlinearity
 * @param schedule           how it is trained: pairs per minibatch 2..1,000,000, the gradient clip
 *                           {@link #GRADIENT_CLIP}
 */
public record NreConfig(NreLoss loss, int atoms, double gamma, List<Integer> hiddenWidths,
                        HiddenActivation activation,
                        @JsonUnwrapped @JsonIgnoreProperties("gradientClip") TrainingSchedule schedule) {
    public NreConfig {
        if (loss == null) {
            throw new IllegalArgumentException("loss must be B or C, got null");
        }
        TrainingFieldChecks.range("atoms", atoms, 2, 1000);
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("gamma must be a finite number > 0, got " + gamma);
        }
        TrainingFieldChecks.hiddenLayers(hiddenWidths, activation);
        hiddenWidths = List.copyOf(hiddenWidths);
        TrainingSchedule.requireFixedClip(schedule, GRADIENT_CLIP);
        TrainingFieldChecks.range("batchSize", schedule.batchSize(), 2, 1_000_000);
    }

    /** Global-norm cap on the gradient; a safety net, not tuned, and not stored in model files. */
    public static final double GRADIENT_CLIP = 5.0;

    /** The form model files store: the schedule's fields flat, without the fixed clip. */
    @JsonCreator
    private static NreConfig stored(@JsonProperty("loss") NreLoss loss, @JsonProperty("atoms") int atoms,
                                    @JsonProperty("gamma") double gamma,
                                    @JsonProperty("hiddenWidths") List<Integer> hiddenWidths,
                                    @JsonProperty("activation") HiddenActivation activation,
                                    @JsonProperty("batchSize") int batchSize,
                                    @JsonProperty("learningRate") double learningRate,
                                    @JsonProperty("maxEpochs") int maxEpochs, @JsonProperty("patience") int patience,
                                    @JsonProperty("validationFraction") double validationFraction,
                                    @JsonProperty("decayFactor") double decayFactor,
                                    @JsonProperty("decayPatience") int decayPatience) {
        return new NreConfig(loss, atoms, gamma, hiddenWidths, activation, new TrainingSchedule(batchSize,
                learningRate, maxEpochs, patience, validationFraction, GRADIENT_CLIP, decayFactor, decayPatience));
    }

    /** The same loss and atoms with other hidden layers. */
    public NreConfig withHidden(List<Integer> widths) {
        return new NreConfig(loss, atoms, gamma, widths, activation, schedule);
    }

    /** The same architecture with another training schedule. */
    public NreConfig withSchedule(TrainingSchedule other) {
        return new NreConfig(loss, atoms, gamma, hiddenWidths, activation, other);
    }

    /**
     * sbibm's NRE settings where they apply (K = 10 atoms, 50-unit hidden layers, batch 50→ here 256 for speed,
     * Adam 5·10⁻⁴), three ReLU layers of 64 and a halving of the learning rate on plateaus; γ = 1 for NRE-C.
     */
    public static NreConfig defaults(NreLoss loss) {
        return new NreConfig(loss, 10, 1.0, List.of(64, 64, 64), HiddenActivation.RELU,
                new TrainingSchedule(256, 1e-3, 500, 20, 0.1, GRADIENT_CLIP, 0.5, 10));
    }
}
