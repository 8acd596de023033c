package dev.amortizer.nle;

import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.amortiser.SurrogateMcmc;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.estimator.NpeConfig;
import dev.amortizer.flow.ConditionalFlow;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import dev.amortizer.training.Standardization;
import dev.amortizer.training.TrainedPosterior;
import dev.amortizer.training.TrainingProvenance;

/**
 * A trained NLE posterior: p(θ | x_o) ∝ p(θ) q(x_o | θ) with the learned likelihood q ({@link FlowLikelihood}),
 * sampled at each query by {@link SurrogateMcmc}; the query's likelihood evaluations are counted on the meter.
 * Immutable and thread-safe.
 *
 * <p>{@code Samples draws = posterior.sample(xObserved, 10_000, Rng.seeded(1), meter);}
 */
public final class NlePosterior extends TrainedPosterior<NpeConfig> implements AmortisedPosterior {
    private final ConditionalFlow flow;
    private final SurrogateMcmc mcmc;
    private final FlowLikelihood likelihood;

    private NlePosterior(Task task, NpeConfig config, Standardization standardization, ConditionalFlow flow,
                         TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc) {
        super(task, config, standardization, provenance, costs);
        this.flow = flow;
        this.mcmc = mcmc;
        this.likelihood = new FlowLikelihood(flow, standardization);
    }

    static NlePosterior of(Task task, NpeConfig config, Standardization standardization, ConditionalFlow flow,
                           TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc) {
        return new NlePosterior(task, config, standardization, flow, provenance, costs, mcmc);
    }

    /** Rebuilds a posterior from a model file's parts, {@code weights} as {@link #weights()} gave them. */
    public static NlePosterior restore(Task task, NpeConfig config, Standardization standardization,
                                       TrainingProvenance provenance, CostLedger costs, SurrogateMcmc mcmc,
                                       byte[] weights) {
        ConditionalFlow flow = ConditionalFlow.restore(config.flow(), task.dataDim(), task.parameterDim(), weights);
        return new NlePosterior(task, config, standardization, flow, provenance, costs, mcmc);
    }

    /** The learned log q(x | θ), up to nothing: a normalised density in x. */
    public double logLikelihood(double[] theta, double[] x) {
        return likelihood.logLikelihood(theta, x);
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        return sample(x, n, rng, new CostMeter());
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng, CostMeter meter) {
        return mcmc.sample(task, likelihood, x, n, rng, meter);
    }

    /** The same posterior, sampled with other MCMC settings. */
    public NlePosterior withMcmc(SurrogateMcmc other) {
        return new NlePosterior(task, config, standardization, flow, provenance, costs, other);
    }

    @Override
    public String method() {
        return "nle";
    }

    public SurrogateMcmc mcmc() {
        return mcmc;
    }

    /** A copy of the flow's weights as the model file stores them. */
    public byte[] weights() {
        return flow.parameterBytes();
    }
}
