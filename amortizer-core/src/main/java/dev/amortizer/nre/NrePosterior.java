package dev.amortizer.nre;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.nn.WeightLists;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.TrainedPosterior;
import dev.amortizer.training.TrainingProvenance;
import java.util.List;

/**
 * A trained NRE posterior: p(θ | x_o) ∝ p(θ) exp f(θ', x_o'), f the classifier's logit, an estimate of
 * log p(x_o | θ)/p(x_o) (up to a constant in θ for NRE-B), sampled at each query by {@link SurrogateMcmc}; the
 * query's classifier evaluations are counted on the meter as likelihood evaluations. Immutable and thread-safe.
 *
 * <p>{@code Samples draws = posterior.sample(xObserved, 10_000, Rng.seeded(1), meter);}
 */
public final class NrePosterior extends TrainedPosterior<NreConfig> implements AmortisedPosterior {
    private final RatioClassifier classifier;
    private final SurrogateMcmc mcmc;

    private NrePosterior(Task task, NreConfig config, Standardization standardization, RatioClassifier classifier,
                         TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc) {
        super(task, config, standardization, provenance, costs);
        this.classifier = classifier;
        this.mcmc = mcmc;
    }

    static NrePosterior of(Task task, NreConfig config, Standardization standardization, RatioClassifier classifier,
                           TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc) {
        return new NrePosterior(task, config, standardization, classifier, provenance, costs, mcmc);
    }

    /** Rebuilds a posterior from a model file's parts, {@code weights} as {@link #weights()} gave them. */
    public static NrePosterior restore(Task task, NreConfig config, Standardization standardization,
                                       TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc,
                                       List<double[]> weights) {
        RatioClassifier c = RatioClassifier.restore(task.parameterDim(), task.dataDim(), config.hiddenWidths(),
                config.activation(), weights);
        return new NrePosterior(task, config, standardization, c, provenance, costs, mcmc);
    }

    /** The learned log-ratio f(θ, x) ≈ log p(x | θ)/p(x) (plus a function of x for NRE-B). */
    public double logRatio(double[] theta, double[] x) {
        return classifier.logit(standardization.standardizeTheta(theta), standardization.standardizeX(x));
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        return sample(x, n, rng, new CostMeter());
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng, CostMeter meter) {
        double[] c = standardization.standardizeX(x);
        LogLikelihood ratio = (theta, ignored) -> classifier.logit(standardization.standardizeTheta(theta), c);
        return mcmc.sample(task, ratio, x, n, rng, meter);
    }

    /** The same posterior, sampled with other MCMC settings. */
    public NrePosterior withMcmc(SurrogateMcmc other) {
        return new NrePosterior(task, config, standardization, classifier, provenance, costs, other);
    }

    @Override
    public String method() {
        return "nre";
    }

    public SurrogateMcmc mcmc() {
        return mcmc;
    }

    /** A copy of the classifier's weights, in {@link #restore}'s order. */
    public List<double[]> weights() {
        return WeightLists.copyOf(classifier.parameters());
    }
}
