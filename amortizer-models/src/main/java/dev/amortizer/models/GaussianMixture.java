package dev.amortizer.models;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.UniformBoxPrior;
import java.util.Optional;

/**
 * sbibm's "gaussian mixture": θ ~ U(−10, 10)²; one component c ∈ {1, 2} with probability ½ each, shared by both
 * coordinates, then x | θ, c ~ N(θ, σ_c²·I) with SDs σ₁ = 1, σ₂ = 0.1. So
 * p(x | θ) = ½ N(x; θ, I) + ½ N(x; θ, 0.01·I), and the posterior is that mixture in θ (centred at x_o) truncated to
 * the box, sampled exactly: pick a component, draw, keep draws inside the box.
 */
public final class GaussianMixture extends CatalogTask {
    static final int DIM = 2;
    static final double[] SDS = {1.0, 0.1};
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    public GaussianMixture() {
        super("gaussian_mixture", UniformBoxPrior.cube(DIM, -10, 10), DIM);
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(DIM, DIM, (theta, rng) -> {
            double sd = SDS[rng.nextDouble() < 0.5 ? 0 : 1];
            return new double[] {rng.nextGaussian(theta[0], sd), rng.nextGaussian(theta[1], sd)};
        });
    }

    /** log p(x | θ) = log Σ_c ½ N(x; θ, σ_c² I); the gradient is Σ_c r_c (x − θ)/σ_c², r_c the responsibilities. */
    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new AnalyticLikelihood(DIM) {
            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                double r2 = 0;
                for (int i = 0; i < DIM; i++) {
                    r2 += (x[i] - theta[i]) * (x[i] - theta[i]);
                }
                double[] terms = new double[SDS.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < SDS.length; c++) {
                    double v = SDS[c] * SDS[c];
                    terms[c] = Math.log(0.5) - LOG_2PI - Math.log(v) - 0.5 * r2 / v;
                    max = Math.max(max, terms[c]);
                }
                double sum = 0;
                for (double t : terms) {
                    sum += Math.exp(t - max);
                }
                double scale = 0;
                for (int c = 0; c < SDS.length; c++) {
                    scale += Math.exp(terms[c] - max) / sum / (SDS[c] * SDS[c]);
                }
                for (int i = 0; i < DIM; i++) {
                    grad[i] = scale * (x[i] - theta[i]);
                }
                return max + Math.log(sum);
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new PriorBoxRejectionPosterior(this, (x, rng) -> {
            double sd = SDS[rng.nextDouble() < 0.5 ? 0 : 1];
            return new double[] {rng.nextGaussian(x[0], sd), rng.nextGaussian(x[1], sd)};
        }, "leaves almost no posterior mass inside the prior box"));
    }

    /** {@inheritDoc} Here: x ~ N(θ, σ² I), θ ∈ [−10, 10]². */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(2, 10);
    }
}
