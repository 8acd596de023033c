package dev.amortizer.models;

import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The exact posterior of the conjugate Gaussian tasks: independent normals N(mean_j(x), sd(x)²), drawn row by row.
 *
 * <p>{@code new IndependentGaussianPosterior(names, this::checkObservation, x -> mean(x), x -> sd)}
 */
final class IndependentGaussianPosterior implements Posterior {
    private final List<String> names;
    private final Consumer<double[]> check;
    private final Function<double[], double[]> mean;
    private final ToDoubleFunction<double[]> sd;

    /** {@code check} refuses an invalid observation before {@code mean} and {@code sd} read it. */
    IndependentGaussianPosterior(List<String> names, Consumer<double[]> check, Function<double[], double[]> mean,
                                 ToDoubleFunction<double[]> sd) {
        this.names = List.copyOf(names);
        this.check = check;
        this.mean = mean;
        this.sd = sd;
    }

    @Override
    public int parameterDim() {
        return names.size();
    }

    @Override
    public Samples sample(double[] x, int n, Rng rng) {
        check.accept(x);
        double[] mu = mean.apply(x);
        double s = sd.applyAsDouble(x);
        double[][] rows = new double[n][mu.length];
        for (double[] row : rows) {
            for (int j = 0; j < mu.length; j++) {
                row[j] = rng.nextGaussian(mu[j], s);
            }
        }
        return Samples.of(names, rows);
    }
}
