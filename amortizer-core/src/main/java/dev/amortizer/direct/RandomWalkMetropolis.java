package dev.amortizer.direct;

import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * tune on more evaluations, start the ladder higher. The answer pools the draws of all chains as
 * NUTS and slice sampling do ({@link ChainPooling}): chains found in separate modes
 * ({@link ChainPooling.WeighWhen#SEPARATE_MODES}) are weighed
 * by the mass each stands for, estimated with evaluations kept back from the budget
 * ({@link Config#balanceReserve}; where the chains share one mode they become draws instead, so
 * the run spends exactly b). Its diagnostics: the post-warm-up {@code acceptance_rate},
 * {@code draws}, the {@code initial_ess} of the starts, the frozen {@code proposal_scale} λ, and
 * {@link ChainPooling}'s R̂, ESS, modes and weights.
 *
 * <p>{@code var answers = RandomWalkMetropolis.of(RandomWalkMetropolis.Config.defaults()).run(task, xObs, new long[] {10_000, 100_000}, 10_000, rng);}
 *
 * @see "Haario, Saksman and Tamminen (2001), An adaptive Metropolis algorithm, Bernoulli 7(2), 223–242"
 * @see "Roberts, Gelman and Gilks (1997), Weak convergence and optimal scaling of random walk Metropolis
 *     algorithms, Ann. Appl. Probab. 7(1), 110–120"
 * @see "Rubin (1988), Using the SIR algorithm to simulate posterior distributions, Bayesian Statistics 3, 395–402"
 */
public final class RandomWalkMetropolis implements DirectMethod {
    /**
     * The benchmark's documented ladder (amortizer-bench/README.md): 10³–10⁵, the range over which it crosses a good
     * amortiser's accuracy on sbibm's 2-D tasks; the last rung is {@code infer}'s default budget.
     */
    private static final long[] DEFAULT_BUDGETS = {1_000, 3_000, 10_000, 100_000};
    private static final long MAX_VALUES_PER_CHAIN = Integer.MAX_VALUE - 8;
    private static final int DEFAULT_BALANCE_DRAWS = 4_000;
    private static final int MIN_BALANCE_DRAWS = 200;

    /**
     * @param chains          C, chains run side by side, > 0
     * @param warmupFraction  the share of the first budget spent on starts and adaptation, in (0, 1)
     * @param initialDraws    the most prior draws the starts may use, > 0
     * @param balanceDraws    M, the most importance draws that weigh chains found in separate modes by their mass
     *                        ({@link ChainMassWeights}), ≥ 0; 0 pools the chains as they are
     */
    public record Config(int chains, double warmupFraction, int initialDraws, int balanceDraws) {
        public Config {
            if (balanceDraws < 0) {
                throw new IllegalArgumentException("balanceDraws is " + balanceDraws + ", expected >= 0 (0: pool chains"
                        + " as they are)");
            }
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

        /** With the default {@value #DEFAULT_BALANCE_DRAWS} balancing draws. */
        public Config(int chains, double warmupFraction, int initialDraws) {
            this(chains, warmupFraction, initialDraws, DEFAULT_BALANCE_DRAWS);
        }

        /**
         * 10 chains, half the first budget as warm-up, up to 10,000 prior draws for the starts (as NUTS: with 1,000,
         * two_moons' starts rested on an importance ESS of about 8, and one unseen observation had all ten chains start
         * in one crescent), chains in separate modes weighed by up to 4,000 importance draws.
         */
        public static Config defaults() {
            return new Config(10, 0.5, 10_000);
        }

        public Config withChains(int newChains) {
            return new Config(newChains, warmupFraction, initialDraws, balanceDraws);
        }

        public Config withWarmupFraction(double newWarmupFraction) {
            return new Config(chains, newWarmupFraction, initialDraws, balanceDraws);
        }

        public Config withInitialDraws(int newInitialDraws) {
            return new Config(chains, warmupFraction, newInitialDraws, balanceDraws);
        }

        public Config withBalanceDraws(int newBalanceDraws) {
            return new Config(chains, warmupFraction, initialDraws, newBalanceDraws);
        }

        /**
         * The evaluations kept back at budget b for weighing the chains: min(M, (b − W)/4), so at least three quarters
         * of the sampling evaluations stay draws; none when that is under {@value #MIN_BALANCE_DRAWS}, too few to
         * estimate masses.
         */
        long balanceReserve(long budget, long warmupEvaluations) {
            long reserve = Math.min(balanceDraws, (budget - warmupEvaluations) / 4);
            return reserve < MIN_BALANCE_DRAWS ? 0 : reserve;
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
        UnconstrainedPosterior unconstrained = new UnconstrainedPosterior(task.prior(), likelihood, observation);
        ChainPooling pooling = new ChainPooling(unconstrained.bijection(), unconstrained, config.balanceDraws(),
                ChainPooling.WeighWhen.SEPARATE_MODES, rng.split(), task.parameterNames());
        SnapshotClock clock = new SnapshotClock();
        List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
        for (long budget : ladder) {
            long before = target.evaluations();
            long reserve = config.balanceReserve(budget, warmup);
            boolean[] weigh = {false};
            clock.progress(() -> {
                chains.advanceTo(budget - reserve);
                weigh[0] = reserve > 0 && pooling.shouldWeigh(chains.pooled());
                if (!weigh[0]) { // chains in one mode: the reserve becomes draws
                    chains.advanceTo(budget);
                }
            });
            clock.countLikelihoodEvaluations(target.evaluations() - before);
            int proposals = weigh[0] ? (int) reserve : 0;
            answers.add(clock.answer(budget, () -> {
                Map<String, Double> diagnostics = chains.diagnostics();
                ChainPooling.Pooled pooled = pooling.pool(chains.pooled(), numSamples, diagnostics, proposals);
                return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), pooled.rows()), diagnostics,
                        pooled.balanceEvaluations(), pooled.parameters());
            }));
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
