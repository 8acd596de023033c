package dev.amortizer.amortiser;

import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.direct.ImportanceProposal;
import dev.amortizer.random.Rng;
import java.util.Arrays;

/**
 * An amortised posterior q(θ | x_o) as the proposal of importance sampling, for one observation. Draws come in
 * batches (one network pass per batch is far cheaper than one per draw) together with their log q, which
 * {@link #logDensity} hands back for the draw it was just given; any other θ is evaluated on its own. The work is
 * counted on the query's meter. One instance serves one importance-sampling run; it is not thread-safe. Used by the
 * benchmark's hybrid contender, the per-observation Pareto-k̂ check and the escalation policy.
 *
 * <p>{@code ImportanceSampling.with(t -> new AmortisedProposal(posterior, x, meter, 10_000))}
 */
public final class AmortisedProposal implements ImportanceProposal {
    private final AmortisedDensity posterior;
    private final double[] x;
    private final CostMeter meter;
    private final int batch;
    private double[][] rows = new double[0][];
    private double[] logQ = new double[0];
    private int next;
    private double[] last;
    private double lastLogQ;

    /**
     * @param batch draws per batch: the run's proposal budget, so one batch serves a whole run
     */
    public AmortisedProposal(AmortisedDensity posterior, double[] x, CostMeter meter, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.posterior = posterior;
        this.x = x.clone();
        this.meter = meter;
        this.batch = batch;
    }

    @Override
    public double[] sample(Rng rng) {
        if (next == rows.length) {
            rows = posterior.sample(x, batch, rng, meter).toArray();
            double[][] xs = new double[batch][];
            Arrays.fill(xs, x);
            logQ = posterior.logDensity(rows, xs);
            meter.countForwardPasses(Phase.QUERY, batch);
            next = 0;
        }
        last = rows[next];
        lastLogQ = logQ[next];
        next++;
        return last;
    }

    @Override
    public double logDensity(double[] theta) {
        if (theta == last) {
            return lastLogQ;
        }
        meter.countForwardPasses(Phase.QUERY, 1);
        return posterior.logDensity(new double[][] {theta}, new double[][] {x})[0];
    }
}
