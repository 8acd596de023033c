package dev.amortizer.models;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.UniformBoxPrior;
import java.util.Optional;

/**
 * sbibm's "gaussian linear uniform": θ ~ U(−1, 1)¹⁰, x | θ ~ N(θ, 0.1·I₁₀) (0.1 is a variance). The posterior is
 * N(x_o, 0.1·I) truncated to the box, sampled exactly by drawing from N(x_o, 0.1·I) and keeping draws inside it.
 */
public final class GaussianLinearUniform extends CatalogTask {
    static final int DIM = 10;
    static final double VARIANCE = 0.1;
    private static final double SD = Math.sqrt(VARIANCE);
    private static final double LOG_NORM = -DIM * (0.5 * Math.log(2 * Math.PI) + Math.log(SD));

    public GaussianLinearUniform() {
        super("gaussian_linear_uniform", UniformBoxPrior.cube(DIM, -1, 1), DIM);
    }

    @Override
    public Simulator simulator() {
        return new FunctionSimulator(DIM, DIM, (theta, rng) -> {
            double[] x = new double[DIM];
            for (int i = 0; i < DIM; i++) {
                x[i] = rng.nextGaussian(theta[i], SD);
            }
            return x;
        });
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new AnalyticLikelihood(DIM) {
            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                double s = LOG_NORM;
                for (int i = 0; i < DIM; i++) {
                    double r = x[i] - theta[i];
                    s -= 0.5 * r * r / VARIANCE;
                    grad[i] = r / VARIANCE;
                }
                return s;
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new PriorBoxRejectionPosterior(this, (x, rng) -> {
            double[] theta = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                theta[j] = rng.nextGaussian(x[j], SD);
            }
            return theta;
        }, "is too far outside the prior box to sample")); // acceptance under 1/1000: minutes to hours
    }

    /** {@inheritDoc} Here: x ~ N(θ, 0.1 I), θ ∈ [−1, 1]¹⁰: |x_i| ≲ 3. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(10, 1);
    }
}
