package dev.amortizer.direct;

import dev.amortizer.direct.mcmc.WarmupSchedule;

/**
 * What the chains warmed up in windows share: their own target copy, the warm-up schedule and the count of
 * iterations run, so that {@link #warm()} means the same for each.
 */
abstract class WarmingChain implements MarkovChain {
    final UnconstrainedPosterior target;
    final WarmupSchedule schedule;
    /** Iterations run so far, warm-up included. */
    int iteration;

    WarmingChain(UnconstrainedPosterior target, int warmup) {
        this.target = target;
        this.schedule = new WarmupSchedule(warmup);
    }

    @Override
    public final boolean warm() {
        return iteration >= schedule.warmup();
    }

    @Override
    public final UnconstrainedPosterior target() {
        return target;
    }
}
