package dev.amortizer.direct;

/**
 * One chain of a {@link MultiChainSampler} run, in unconstrained space: a warm-up of a fixed number of iterations
 * that tunes its kernel, then iterations with the kernel frozen. Owns its target copy (for its cost counts) and
 * its generator, so chains can run in separate threads and still give the same draws.
 */
interface MarkovChain {
    /** One iteration: a warm-up iteration until {@link #warm()}, a sampling iteration afterwards. */
    void iterate();

    /** Whether the warm-up has ended. */
    boolean warm();

    /** The current position u. */
    double[] position();

    /** The chain's target, whose counters hold its cost. */
    UnconstrainedPosterior target();

    /** Sampling iterations that diverged (always 0 for kernels without divergences). */
    long divergences();

    /** Of {@link #divergences()}, those whose diverging point lay where the density is zero (a hard edge). */
    default long divergencesAtZeroDensity() {
        return 0;
    }

    /** The mean acceptance statistic of the sampling iterations (1 for slice sampling). */
    double meanAcceptance();

    /** The tuned step size or mean slice width. */
    double tuning();
}
