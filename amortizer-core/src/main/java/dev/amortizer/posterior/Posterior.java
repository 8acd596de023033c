package dev.amortizer.posterior;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;

/**
 * Draws from p(θ | x_o) for any observation x_o: a trained amortiser, a direct method's
 * answer, or a task's reference sampler.
 *
 * <p>{@code Samples draws = posterior.sample(observation, 10_000, Rng.seeded(1));}
 */
public interface Posterior {
    /** D, the dimension of θ. */
    int parameterDim();

    /**
     * {@code n} draws for observation {@code x}, columns named as the task's parameters.
     *
     * @throws IllegalArgumentException if {@code x} is not a valid observation, or leaves the sampler (almost) no
     *                                  posterior mass to draw from: it is the caller's input, not a broken sampler
     */
    Samples sample(double[] x, int n, Rng rng);
}
