package dev.amortizer.nre;

import dev.amortizer.nn.HiddenActivation;
import dev.amortizer.nn.TrainingFieldChecks;
import dev.amortizer.training.TrainingSchedule;
import java.util.List;

/**
 * How {@link Nre} builds and trains its classifier.
 *
 * @param loss               NRE-B or NRE-C
 * @param atoms              K, candidate θ per x (2..1000)
 * @param gamma              NRE-C's odds γ of a set holding the joint pair, &gt; 0 (unused by NRE-B)
 * @param hiddenWidths       the classifier's hidden widths (at least one, each 1..4096)
 * @param activation         their nonlinearity
 * @param batchSize          pairs per minibatch (2..1,000,000)
 * @param learningRate       Adam's initial step size, in (0, 1]
 * @param maxEpochs          cap on epochs (1..100,000)
 * @param patience           stop after this many epochs without a new best validation loss (1..100,000)
 * @param validationFraction share of the pairs held out, in (0, 0.5]
 * @param decayFactor        learning-rate factor on plateaus, in (0, 1]
 * @param decayPatience      epochs without a new best before each decay (1..100,000)
 */
public record NreConfig(NreLoss loss, int atoms, double gamma, List<Integer> hiddenWidths,
                        HiddenActivation activation, int batchSize, double learningRate, int maxEpochs, int patience,
                        double validationFraction, double decayFactor, int decayPatience) {
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
        TrainingFieldChecks.range("batchSize", batchSize, 2, 1_000_000);
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
     * sbibm's NRE settings where they apply (K = 10 atoms, 50-unit hidden layers, batch 50→ here 256 for speed,
     * Adam 5·10⁻⁴), three ReLU layers of 64 and a halving of the learning rate on plateaus; γ = 1 for NRE-C.
     */
    public static NreConfig defaults(NreLoss loss) {
        return new NreConfig(loss, 10, 1.0, List.of(64, 64, 64), HiddenActivation.RELU, 256, 1e-3, 500, 20, 0.1,
                0.5, 10);
    }
}
