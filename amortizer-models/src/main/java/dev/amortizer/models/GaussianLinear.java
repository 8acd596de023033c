package dev.amortizer.models;

import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DataSupport;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Simulator;
import java.util.Optional;

/**
 * sbibm's "gaussian linear": θ ~ N(0, 0.1·I₁₀), x | θ ~ N(θ, 0.1·I₁₀) (0.1 is a variance).
 * The posterior is N(x/2, 0.05·I₁₀), sampled exactly.
 */
public final class GaussianLinear extends CatalogTask {
    static final int DIM = 10;
    static final double VARIANCE = 0.1;
    private static final double SD = Math.sqrt(VARIANCE);
    private static final double POSTERIOR_SD = Math.sqrt(VARIANCE / 2);
    private static final double LOG_NORM = -DIM * (0.5 * Math.log(2 * Math.PI) + Math.log(SD));

    public GaussianLinear() {
        super("gaussian_linear", DiagonalNormalPrior.isotropic(DIM, VARIANCE), DIM);
    }

    @Override
    public Simulator simulator() {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return DIM;
            }

            @Override
            public int dataDim() {
                return DIM;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = new double[DIM];
                for (int i = 0; i < DIM; i++) {
                    x[i] = rng.nextGaussian(theta[i], SD);
                }
                return x;
            }
        };
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        return Optional.of(new LogLikelihood() {
            @Override
            public double logLikelihood(double[] theta, double[] x) {
                double s = LOG_NORM;
                for (int i = 0; i < DIM; i++) {
                    double z = (x[i] - theta[i]) / SD;
                    s -= 0.5 * z * z;
                }
                return s;
            }

            @Override
            public double logLikelihoodAndGradient(double[] theta, double[] x, double[] grad) {
                for (int i = 0; i < DIM; i++) {
                    grad[i] = (x[i] - theta[i]) / VARIANCE;
                }
                return logLikelihood(theta, x);
            }

            @Override
            public boolean hasAnalyticGradient() {
                return true;
            }
        });
    }

    @Override
    public Optional<Posterior> referencePosterior() {
        return Optional.of(new IndependentGaussianPosterior(parameterNames(), this::checkObservation, x -> {
            double[] mean = new double[DIM];
            for (int j = 0; j < DIM; j++) {
                mean[j] = x[j] / 2;
            }
            return mean;
        }, x -> POSTERIOR_SD));
    }

    /** {@inheritDoc} Here: x ~ N(θ, 0.1 I), θ ~ N(0, 0.1 I): |x_i| ≲ 2. */
    @Override
    public DataSupport dataSupport() {
        return DataSupport.real(DIM, 1);
    }
}
