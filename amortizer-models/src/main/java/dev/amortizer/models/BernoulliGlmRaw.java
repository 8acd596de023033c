package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Simulator;
import java.util.Optional;

/**
 * sbibm's "bernoulli glm raw": the model of {@link BernoulliGlm} with the raw series x = (y₀..y₉₉) ∈ {0, 1}¹⁰⁰ as
 * data. The likelihood and the Pólya-Gamma reference go through the sufficient statistic Xᵀy.
 */
public final class BernoulliGlmRaw extends CatalogTask {
    public BernoulliGlmRaw() {
        super("bernoulli_glm_raw", BernoulliGlmDesign.prior(), BernoulliGlmDesign.STEPS);
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(BernoulliGlmDesign.DIM, BernoulliGlmDesign.STEPS, BernoulliGlmDesign::simulateRaw);
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new AnalyticLikelihood(BernoulliGlmDesign.DIM) {
            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                if (x.length != BernoulliGlmDesign.STEPS) {
                    throw new IllegalArgumentException("bernoulli_glm_raw x has " + x.length + " values, expected "
                            + BernoulliGlmDesign.STEPS);
                }
                return BernoulliGlmDesign.logLikelihoodAndGradient(theta, BernoulliGlmDesign.summary(x), grad);
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        PolyaGammaGibbs gibbs = new PolyaGammaGibbs(parameterNames(), PolyaGammaGibbs.WARM_UP, PolyaGammaGibbs.THIN);
        return Optional.of(new Posterior() {
            @Override
            public int parameterDim() {
                return BernoulliGlmDesign.DIM;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                checkObservation(x);
                return gibbs.sample(BernoulliGlmDesign.summary(x), n, rng);
            }
        });
    }

    /** {@inheritDoc} Here: the spike train: each y_t is 0 or 1. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.counts(BernoulliGlmDesign.STEPS, 1);
    }
}
