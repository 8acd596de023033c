package dev.amortizer.task;

import dev.amortizer.random.Rng;

/**
 * A stochastic simulator x ~ p(x | θ), batched.
 *
 * <p>Implementations may return NaN or infinite outputs for a failed simulation (an ODE that
 * did not solve); trainers drop and count such rows. They must draw only from the {@code rng}
 * given, so a batch is reproducible from its seed.
 */
public interface Simulator {
    /** D, the dimension of θ this simulator accepts. */
    int parameterDim();

    /** d, the dimension of x it returns. */
    int dataDim();

    /** One output x for one θ. */
    double[] simulate(double[] theta, Rng rng);

    /** One output row per row of {@code theta}, drawn in order from {@code rng}. */
    default double[][] simulate(double[][] theta, Rng rng) {
        double[][] out = new double[theta.length][];
        for (int i = 0; i < theta.length; i++) {
            if (theta[i].length != parameterDim()) {
                throw new IllegalArgumentException("theta row " + i + " has " + theta[i].length
                        + " values, the simulator expects " + parameterDim());
            }
            out[i] = simulate(theta[i], rng);
        }
        return out;
    }
}
