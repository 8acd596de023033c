package dev.amortizer.escalation;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.cost.CostLedger;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.Task;
import java.util.List;
import java.util.Optional;

/**
 * θ ~ N(0, I_D), x ~ N(θ, σ² I_D), whose posterior is N(x / (1 + σ²), σ²/(1 + σ²) I_D); and stand-ins for an
 * amortised posterior: that exact posterior, or one shifted and rescaled on purpose.
 */
final class GaussianToy implements Task {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int dim;
    private final double sigma;
    private final boolean withLikelihood;

    GaussianToy(int dim, double sigma, boolean withLikelihood) {
        this.dim = dim;
        this.sigma = sigma;
        this.withLikelihood = withLikelihood;
    }

    @Override
    public String name() {
        return withLikelihood ? "gaussian_toy" : "gaussian_toy_simulator_only";
    }

    @Override
    public Prior prior() {
        return DiagonalNormalPrior.isotropic(dim, 1);
    }

    @Override
    public Simulator simulator() {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return dim;
            }

            @Override
            public int dataDim() {
                return dim;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                double[] x = new double[dim];
                for (int j = 0; j < dim; j++) {
                    x[j] = rng.nextGaussian(theta[j], sigma);
                }
                return x;
            }
        };
    }

    @Override
    public List<String> parameterNames() {
        return Samples.defaultNames("theta", dim);
    }

    @Override
    public List<String> dataNames() {
        return Samples.defaultNames("x", dim);
    }

    @Override
    public Optional<LogLikelihood> likelihood() {
        if (!withLikelihood) {
            return Optional.empty();
        }
        return Optional.of((theta, x) -> {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += normalLogDensity(x[j], theta[j], sigma);
            }
            return s;
        });
    }

    double posteriorMean(double xj) {
        return xj / (1 + sigma * sigma);
    }

    double posteriorSd() {
        return Math.sqrt(sigma * sigma / (1 + sigma * sigma));
    }

    /** Σ_j |mean_j − μ_j| + |sd_j − s| of the draws against the exact posterior at x. */
    double momentError(Samples draws, double[] x) {
        double[] mean = draws.mean();
        double[] sd = draws.sd();
        double error = 0;
        for (int j = 0; j < dim; j++) {
            error += Math.abs(mean[j] - posteriorMean(x[j])) + Math.abs(sd[j] - posteriorSd());
        }
        return error;
    }

    /** N(exact mean + shift·sd, (scale·sd)²) per coordinate: exact when shift = 0 and scale = 1. */
    AmortisedDensity amortised(double shift, double scale) {
        return new AmortisedDensity() {
            @Override
            public double[] logDensity(double[][] theta, double[][] x) {
                double[] out = new double[theta.length];
                for (int r = 0; r < theta.length; r++) {
                    for (int j = 0; j < dim; j++) {
                        out[r] += normalLogDensity(theta[r][j], mean(x[r][j]), scale * posteriorSd());
                    }
                }
                return out;
            }

            @Override
            public String method() {
                return "npe";
            }

            @Override
            public CostLedger costLedger() {
                return CostLedger.empty();
            }

            @Override
            public int parameterDim() {
                return dim;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                double[][] rows = new double[n][dim];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < dim; j++) {
                        rows[i][j] = rng.nextGaussian(mean(x[j]), scale * posteriorSd());
                    }
                }
                return Samples.of(parameterNames(), rows);
            }

            private double mean(double xj) {
                return posteriorMean(xj) + shift * posteriorSd();
            }
        };
    }

    private static double normalLogDensity(double v, double mean, double sd) {
        double z = (v - mean) / sd;
        return -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
    }
}
