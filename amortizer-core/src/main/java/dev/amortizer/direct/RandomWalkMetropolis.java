package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adaptive random-walk Metropolis on the posterior π(θ) ∝ p(θ) p(x_o | θ), with several chains.
 *
 * <ol>
 *   <li>Starts: M = min(initialDraws, ⌊W/2⌋) prior draws weighted by the likelihood, resampled
 *       systematically (sorted along the posterior's widest direction) to C chain starts, so each
 *       posterior mode gets chains in proportion to its mass — to within one chain when the modes
 *       lie apart along that direction.</li>
 *   <li>Warm-up: the remaining W − M evaluations step the chains while the Gaussian proposal adapts
 *       (Haario's pooled within-chain covariance with 2.38²/D scaling, times a global scale λ
 *       tuned by Robbins–Monro towards the optimal acceptance rate, starting small so chains do
 *       not jump between modes before the proposal is local); these positions are discarded.</li>
 *   <li>Sampling: the proposal is frozen, so every chain is a time-homogeneous Markov chain that
 *       leaves π invariant, and each step's position is a draw.</li>
 * </ol>
 *
 * <p>Anytime semantics. The budget counts evaluations of the target (every start and every step
 * costs one; a θ outside the prior's support costs one without calling the likelihood). A single
 * run cannot make the warm-up a fraction of every budget, because the proposal is frozen once,
 * so the warm-up is W = ⌊warmupFraction · b₁⌋, a fraction of the <em>first</em> budget: the answer
 * at b₁ is exactly that of a run with the single budget b₁, and at each later budget b the run has
 * b − W post-warm-up draws from the same frozen chains — the best this run can offer there. To
 * tune on more evaluations, start the ladder higher. The answer is the pooled draws of all
 * chains, thinned evenly to {@code numSamples} (repeated evenly when fewer exist); its
 * diagnostics report the post-warm-up {@code acceptance_rate}, {@code draws}, the
 * {@code initial_ess} of the starts and the frozen {@code proposal_scale} λ.
 *
 * <p>{@code var answers = RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults()).run(task, xObs, new long[] {10_000, 100_000}, 10_000, rng);}
 *
 * @see "Haario, Saksman and Tamminen (2001), An adaptive Metropolis algorithm, Bernoulli 7(2), 223–242"
 * @see "Roberts, Gelman and Gilks (1997), Weak convergence and optimal scaling of random walk Metropolis
 *     algorithms, Ann. Appl. Probab. 7(1), 110–120"
 * @see "Rubin (1988), Using the SIR algorithm to simulate posterior distributions, Bayesian Statistics 3, 395–402"
 */
public final class RandomWalkMetropolis implements DirectMethod {
    private static final long[] DEFAULT_BUDGETS = {10_000, 30_000, 100_000, 300_000, 1_000_000};
    private static final long MAX_VALUES_PER_CHAIN = Integer.MAX_VALUE - 8;

    /**
     * @param chains          C, chains run side by side, > 0
     * @param warmupFraction  the share of the first budget spent on starts and adaptation, in (0, 1)
     * @param initialDraws    the most prior draws the starts may use, > 0
     */
    public record Config(int chains, double warmupFraction, int initialDraws) {
        public Config {
            if (chains <= 0) {
                throw new IllegalArgumentException("chains is " + chains + ", expected > 0");
            }
            if (!(warmupFraction > 0 && warmupFraction < 1)) {
                throw new IllegalArgumentException("warmupFraction is " + warmupFraction + ", expected (0, 1)");
            }
            if (initialDraws <= 0) {
                throw new IllegalArgumentException("initialDraws is " + initialDraws + ", expected > 0");
            }
        }

        /** 10 chains, half the first budget as warm-up, up to 1,000 prior draws for the starts. */
        public static Config defaults() {
            return new Config(10, 0.5, 1_000);
        }

        public Config withChains(int newChains) {
            return new Config(newChains, warmupFraction, initialDraws);
        }

        public Config withWarmupFraction(double newWarmupFraction) {
            return new Config(chains, newWarmupFraction, initialDraws);
        }

        public Config withInitialDraws(int newInitialDraws) {
            return new Config(chains, warmupFraction, newInitialDraws);
        }

        /** W = ⌊warmupFraction · firstBudget⌋, the evaluations spent before any draw is kept. */
        long warmupEvaluations(long firstBudget) {
            return (long) Math.floor(warmupFraction * firstBudget);
        }

        /** M for a warm-up of W evaluations. */
        int startDraws(long warmupEvaluations) {
            return (int) Math.min(initialDraws, warmupEvaluations / 2);
        }

        /** The smallest first budget giving ≥ 2C warm-up and ≥ C sampling evaluations. */
        long smallestFirstBudget() {
            long budget = 3L * chains;
            while (warmupEvaluations(budget) < 2L * chains || budget - warmupEvaluations(budget) < chains) {
                budget++;
            }
            return budget;
        }
    }

    private final Config config;

    private RandomWalkMetropolis(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public static RandomWalkMetropolis of(Config config) {
        return new RandomWalkMetropolis(config);
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return "mcmc";
    }

    @Override
    public BudgetUnit unit() {
        return BudgetUnit.LIKELIHOOD_EVALUATIONS;
    }

    @Override
    public long[] defaultBudgets() {
        return DEFAULT_BUDGETS.clone();
    }

    /** Draws, in order: the generator of the starts, then one per chain. */
    @Override
    public List<AnytimeAnswer> run(Task task, double[] observation, long[] budgets, int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        LogLikelihood likelihood = task.likelihood().orElseThrow(() -> new IllegalArgumentException("task " + task.name()
                + " has no tractable likelihood; random-walk Metropolis needs log p(x | θ)"));
        checkBudgets(task, ladder);
        long warmup = config.warmupEvaluations(ladder[0]);
        PosteriorTarget target = new PosteriorTarget(task.prior(), likelihood, observation);
        MetropolisChains chains = new MetropolisChains(target, task.prior(), config.chains(), config.startDraws(warmup),
                warmup, rng, task.name());
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = target.evaluations();
            clock.progress(() -> chains.advanceTo(budget));
            clock.countLikelihoodEvaluations(target.evaluations() - before);
            answers.add(clock.answer(budget, () -> new SnapshotClock.Snapshot(
                    Samples.of(task.parameterNames(), chains.draws(numSamples)), chains.diagnostics())));
        }
        return answers;
    }

    private void checkBudgets(Task task, long[] ladder) {
        long smallest = config.smallestFirstBudget();
        if (ladder[0] < smallest) {
            throw new IllegalArgumentException("first budget " + ladder[0] + " is too small for random-walk Metropolis on task "
                    + task.name() + " with " + config.chains() + " chains and warm-up fraction " + config.warmupFraction()
                    + ": expected at least " + smallest + " likelihood evaluations");
        }
        long largest = ladder[ladder.length - 1];
        if ((largest / config.chains() + 1) * task.parameterDim() > MAX_VALUES_PER_CHAIN) {
            throw new IllegalArgumentException("budget " + largest + " gives more draws per chain than random-walk Metropolis"
                    + " on task " + task.name() + " can hold in memory; use more chains or a smaller budget");
        }
    }
}
