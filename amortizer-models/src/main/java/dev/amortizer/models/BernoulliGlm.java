package dev.amortizer.models;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Simulator;
import java.util.Optional;

/**
 * sbibm's "bernoulli glm": θ = (β₀, h₁..h₉) ~ N(0, B⁻¹) (a smoothness prior, {@link BernoulliGlmDesign});
 * ψ = Xθ, y_t ~ Bernoulli(σ(ψ_t)) for t = 0..99, and x = Xᵀy: the spike count and the spike-triggered stimulus
 * sums at lags 0..8. x is sufficient for θ, so {@code bernoulli_glm_raw} (x = y) has the same posterior. The
 * likelihood θ·x − Σ_t log(1 + e^{ψ_t}) has an analytic gradient; the reference is Pólya-Gamma Gibbs.
 */
public final class BernoulliGlm extends CatalogTask {
    public BernoulliGlm() {
        super("bernoulli_glm", BernoulliGlmDesign.prior(), BernoulliGlmDesign.DIM);
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(BernoulliGlmDesign.DIM, BernoulliGlmDesign.DIM,
                (theta, rng) -> BernoulliGlmDesign.summary(BernoulliGlmDesign.simulateRaw(theta, rng)));
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new AnalyticLikelihood(BernoulliGlmDesign.DIM) {
            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                return BernoulliGlmDesign.logLikelihoodAndGradient(theta, x, grad);
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new PolyaGammaGibbs(parameterNames(), PolyaGammaGibbs.WARM_UP, PolyaGammaGibbs.THIN));
    }

    /** {@inheritDoc} Here: x = Xᵀy with y ∈ {0, 1}¹⁰⁰: the spike count, a whole number in [0, 100], and lag sums between the sums of the negative and of the positive stimulus values. */
    @Override
    public DataSupport dataSupport() {
        return BernoulliGlmDesign.summarySupport();
    }
}
