package dev.amortizer.amortiser;

import dev.amortizer.cost.Cost;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.cost.Phase;
import dev.amortizer.data.Samples;
import dev.amortizer.direct.AnytimeAnswer;
import dev.amortizer.direct.MultiChainSampler;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;

/**
 * The query step of NLE and NRE: multi-chain slice sampling ({@link MultiChainSampler}) of
 * log p(θ) + ℓ(θ, x_o), where ℓ is a learned log-likelihood or log-ratio. The budget in surrogate evaluations is
 * sized for {@code n} draws: the starts and balancing draws, then per chain the warm-up and its share of
 * {@code thin·n} iterations, each costing about {@value #EVALUATIONS_PER_COORDINATE} evaluations per coordinate
 * (stepping out and shrinking). Should the chains run short, the sampler repeats draws evenly.
 *
 * @param chains  the sampler's chains, starts and warm-up (sbibm's NLE/NRE ran slice sampling too)
 * @param thin    iterations per kept draw (≥ 1)
 * @see <a href="https://arxiv.org/abs/1805.07226">Papamakarios et al. 2019, Sequential neural likelihood</a>
 */
public record SurrogateMcmc(MultiChainSampler.Config chains, int thin) {
    static final int EVALUATIONS_PER_COORDINATE = 6;

    public SurrogateMcmc {
        if (chains == null) {
            throw new IllegalArgumentException("chains must not be null; use SurrogateMcmc.defaults()");
        }
        if (thin < 1 || thin > 1000) {
            throw new IllegalArgumentException("thin must be in 1..1000, got " + thin);
        }
    }

    /**
     * 4 chains started by sampling–importance–resampling from 10,000 prior draws, 500 warm-up iterations each,
     * thinned by 2, chains weighed by mass when they disagree (multimodal posteriors such as slcp's).
     */
    public static SurrogateMcmc defaults() {
        return new SurrogateMcmc(MultiChainSampler.Config.defaults().withWarmup(500).withThreads(1), 2);
    }

    /** The evaluation budget this sampler spends for {@code n} draws of a {@code dim}-parameter posterior. */
    public long budget(int n, int dim) {
        long iterations = (long) chains.chains() * chains.warmup() + (long) thin * n;
        return chains.startDraws() + chains.balanceDraws() + iterations * dim * EVALUATIONS_PER_COORDINATE;
    }

    /**
     * {@code n} draws from the posterior with the learned {@code surrogate} at {@code x}; the query's surrogate
     * evaluations go to {@code meter} as likelihood evaluations under {@link Phase#QUERY} (its wall time is the
     * caller's to measure).
     */
    public Samples sample(Task task, LogLikelihood surrogate, double[] x, int n, Rng rng, CostMeter meter) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        task.checkObservation(x);
        AnytimeAnswer answer = MultiChainSampler.slice(chains)
                .run(new LearnedLikelihoodTask(task, surrogate), x, new long[] {budget(n, task.parameterDim())}, n, rng)
                .get(0);
        Cost cost = answer.queryCost();
        meter.countLikelihoodEvaluations(Phase.QUERY, cost.likelihoodEvaluations());
        return answer.samples();
    }
}
