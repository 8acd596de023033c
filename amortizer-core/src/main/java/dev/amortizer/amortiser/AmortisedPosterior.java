package dev.amortizer.amortiser;

import dev.amortizer.cost.CostLedger;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.data.Samples;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;

/**
 * A posterior paid for once (simulations and training, in {@link #costLedger()}) that then answers any observation.
 * NPE answers with one pass of its network; NLE and NRE run MCMC on their learned likelihood or ratio inside
 * {@link #sample}, and count that work on the meter passed to {@link #sample(double[], int, Rng, CostMeter)}.
 *
 * <p>Implementations are immutable and thread-safe: the same seed gives the same draws whichever thread asks.
 */
public interface AmortisedPosterior extends Posterior {
    /** The amortisation method: "npe", "nle", "nre" or "point". */
    String method();

    /** The fixed cost: simulation and training phases, as measured when the posterior was trained. */
    CostLedger costLedger();

    /**
     * Draws for observation {@code x}, with the query's work (forward passes, likelihood evaluations of an inner
     * MCMC) counted on {@code meter}. The wall time is the caller's to measure.
     */
    default Samples sample(double[] x, int n, Rng rng, CostMeter meter) {
        return sample(x, n, rng);
    }
}
