package dev.amortizer.amortiser;

/**
 * An amortised posterior that also evaluates its own normalised density q(θ | x), as NPE does. Such a posterior can
 * serve as the proposal of importance sampling, w ∝ p(θ) p(x_o | θ) / q(θ | x_o), which corrects its answer where
 * the task's likelihood is tractable (the benchmark's hybrid contender).
 *
 * <p>{@code double[] logQ = posterior.logDensity(thetas, xs);}
 */
public interface AmortisedDensity extends AmortisedPosterior {
    /** log q(θ_r | x_r) for each row, in θ's units; −∞ outside the prior's support. */
    double[] logDensity(double[][] theta, double[][] x);
}
