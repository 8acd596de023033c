package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.DiagonalNormalPrior;
import dev.amortizer.task.Prior;
import dev.amortizer.task.Simulator;
import dev.amortizer.task.UniformBoxPrior;
import java.util.function.BiFunction;

/** Small tasks with known posteriors for testing direct methods. */
final class ToyTasks {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private ToyTasks() {
    }

    /**
     * θ ~ N(0, I_D), x ~ N(θ, σ² I_D): the posterior is N(x / (1 + σ²), σ² / (1 + σ²) I_D), see
     * {@link #gaussianPosteriorMean} and {@link #gaussianPosteriorSd}.
     */
    static ToyTask gaussian(int dim, double sigma) {
        Posterior reference = new Posterior() {
            @Override
            public int parameterDim() {
                return dim;
            }

            @Override
            public Samples sample(double[] x, int n, Rng rng) {
                double[][] rows = new double[n][dim];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < dim; j++) {
                        rows[i][j] = rng.nextGaussian(x[j] / (1 + sigma * sigma), gaussianPosteriorSd(sigma));
                    }
                }
                return Samples.of(Samples.defaultNames("theta", dim), rows);
            }
        };
        return new ToyTask("gaussian_toy", normalPrior(dim, 1), simulator(dim, dim, (theta, rng) -> {
            double[] x = new double[dim];
            for (int j = 0; j < dim; j++) {
                x[j] = rng.nextGaussian(theta[j], sigma);
            }
            return x;
        }), (theta, x) -> {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                s += normalLogDensity(x[j], theta[j], sigma);
            }
            return s;
        }, reference);
    }

    static double[] gaussianPosteriorMean(double[] x, double sigma) {
        double[] mean = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            mean[j] = x[j] / (1 + sigma * sigma);
        }
        return mean;
    }

    static double gaussianPosteriorSd(double sigma) {
        return Math.sqrt(sigma * sigma / (1 + sigma * sigma));
    }

    /** Σ_j |mean_j − μ_j| + |sd_j − s| of {@code samples} against the Gaussian toy's posterior at {@code x}. */
    static double gaussianMomentError(Samples samples, double[] x, double sigma) {
        double[] mean = samples.mean();
        double[] sd = samples.sd();
        double[] expectedMean = gaussianPosteriorMean(x, sigma);
        double error = 0;
        for (int j = 0; j < x.length; j++) {
            error += Math.abs(mean[j] - expectedMean[j]) + Math.abs(sd[j] - gaussianPosteriorSd(sigma));
        }
        return error;
    }

    /**
     * θ ~ N(priorMean, priorSd²) in 1-D, x ~ N(|θ|, σ²): for x_o ≫ σ a posterior with two modes near
     * ±x_o, whose masses are in the ratio exp(2 priorMean x_o / priorSd²) : 1.
     */
    static ToyTask absoluteValue(double priorMean, double priorSd, double sigma) {
        return new ToyTask("absolute_value_toy", normalPrior(1, priorMean, priorSd),
                simulator(1, 1, (theta, rng) -> new double[] {rng.nextGaussian(Math.abs(theta[0]), sigma)}),
                (theta, x) -> normalLogDensity(x[0], Math.abs(theta[0]), sigma), null);
    }

    /** N(0, sd² I_D). */
    static Prior normalPrior(int dim, double sd) {
        return normalPrior(dim, 0, sd);
    }

    /** N(mean, sd² I_D). */
    static Prior normalPrior(int dim, double mean, double sd) {
        double[] means = new double[dim];
        double[] sds = new double[dim];
        java.util.Arrays.fill(means, mean);
        java.util.Arrays.fill(sds, sd);
        return new DiagonalNormalPrior(means, sds);
    }

    /** U[0, 1]^D. */
    static Prior unitBoxPrior(int dim) {
        return UniformBoxPrior.cube(dim, 0, 1);
    }

    /** A simulator from a row function. */
    static Simulator simulator(int parameterDim, int dataDim, BiFunction<double[], Rng, double[]> row) {
        return new Simulator() {
            @Override
            public int parameterDim() {
                return parameterDim;
            }

            @Override
            public int dataDim() {
                return dataDim;
            }

            @Override
            public double[] simulate(double[] theta, Rng rng) {
                return row.apply(theta, rng);
            }
        };
    }

    static double normalLogDensity(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return -0.5 * z * z - Math.log(sd) - LOG_SQRT_2PI;
    }
}
