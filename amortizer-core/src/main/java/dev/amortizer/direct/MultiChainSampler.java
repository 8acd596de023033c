package dev.amortizer.direct;

import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several independent MCMC chains (NUTS or coordinate-wise slice sampling) on the posterior pulled back to
 * unconstrained space ({@link UnconstrainedPosterior}), run in parallel threads, as Stan runs them.
 *
 * <ol>
 *   <li>Starts: M = min(startDraws, ⌊b₁/4⌋) prior draws weighted by the likelihood, resampled to C starts
 *       stratified along the posterior's widest direction ({@link ImportanceResampledStarts}), so the modes that
 *       sampling–importance–resampling sees get chains in proportion to their mass.</li>
 *   <li>Warm-up: each chain tunes its kernel for a fixed number of iterations (Stan's windowed adaptation,
 *       {@link NutsChain}, {@link SliceChain}); these positions are not draws.</li>
 *   <li>Sampling: each chain keeps every position of its frozen kernel.</li>
 * </ol>
 *
 * <p>Anytime semantics. The budget counts likelihood evaluations (the M for the starts included; an analytic
 * gradient comes with its likelihood value and is one evaluation, a finite-difference one costs 2D + 1). At budget
 * b each chain runs until its own evaluations reach (b − M)/C, finishing the iteration under way (so a chain may
 * overshoot by one trajectory); chain c's path depends only on its own generator and share, so the draws are the
 * same for any thread count. The answer pools the post-warm-up draws of all chains ({@link ChainPooling}: chains
 * in different modes weighed by the mass each stands for, with the diagnostics for such chains); at a budget too
 * small to finish the warm-up, it pools the second half of the warm-up positions, the best this run has, and says so
 * ({@code warmup_complete} 0). Its diagnostics, beyond {@link ChainPooling}'s: {@code divergences} (NUTS: sampling
 * transitions, all chains, with a leapfrog point whose energy error exceeded 1000, as Stan counts them) and of them
 * {@code divergences_at_zero_density} (the point lay where π = 0, past a hard edge of the posterior),
 * {@code acceptance_rate}, the mean {@code step_size} (NUTS) or slice width, {@code draws}, {@code chains},
 * {@code initial_ess} and {@code warmup_complete} (1 or 0). Chains are weighed when they disagree
 * ({@link ChainPooling.WeighWhen#CHAINS_DISAGREE}); the {@code balanceDraws} evaluations that costs are charged to the
 * answer that spends them and reserved from every budget.
 *
 * <p>{@code var answers = MultiChainSampler.nuts(MultiChainSampler.Config.defaults()).run(task, xObs, new long[] {300_000}, 10_000, rng);}
 *
 * <p>Over 300 lines because its chain runs share the warm-up, budget and pooling settings of the sampler.
 *
 * @see "Carpenter et al. (2017), Stan: a probabilistic programming language, J. Stat. Softw. 76(1)"
 */
public final class MultiChainSampler implements DirectMethod {
    /** The transition kernel of every chain. */
    public enum Kernel {
        /** The No-U-Turn Sampler with Stan's adaptation. */
        NUTS("nuts"),
        /** Coordinate-wise slice sampling with stepping out. */
        SLICE("slice");

        private final String label;

        Kernel(String label) {
            this.label = label;
        }
    }

    private static final long[] DEFAULT_BUDGETS = {30_000, 100_000, 300_000, 1_000_000};

    /**
     * @param chains           C, > 0
     * @param warmup           warm-up iterations per chain, ≥ 20 (Stan: 1000)
     * @param startDraws       the most prior draws for the starts, ≥ C
     * @param threads          threads to run the chains on, > 0 (the draws do not depend on it)
     * @param targetAcceptance NUTS's target acceptance statistic δ, in (0, 1) (Stan: 0.8)
     * @param maxDepth         NUTS's maximum tree depth, 1..30 (Stan: 10)
     * @param balanceDraws     M, importance draws per answer that weigh the chains by the mass they stand for
     *                         ({@link ChainMassWeights}); 0 pools the chains with equal weight, as Stan does
     */
    public record Config(int chains, int warmup, int startDraws, int threads, double targetAcceptance, int maxDepth,
                         int balanceDraws) {
        public Config {
            if (chains <= 0) {
                throw new IllegalArgumentException("chains is " + chains + ", expected > 0");
            }
            if (warmup < 20) {
                throw new IllegalArgumentException("warmup is " + warmup + " iterations, expected >= 20");
            }
            if (startDraws < chains) {
                throw new IllegalArgumentException("startDraws is " + startDraws + ", expected >= chains (" + chains + ")");
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("threads is " + threads + ", expected > 0");
            }
            if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
                throw new IllegalArgumentException("targetAcceptance is " + targetAcceptance + ", expected (0, 1)");
            }
            if (maxDepth < 1 || maxDepth > 30) {
                throw new IllegalArgumentException("maxDepth is " + maxDepth + ", expected 1..30");
            }
            if (balanceDraws < 0) {
                throw new IllegalArgumentException("balanceDraws is " + balanceDraws + ", expected >= 0 (0: pool chains equally)");
            }
        }

        /**
         * 4 chains, Stan's 1000 warm-up iterations, δ = 0.8 and depth 10, starts from 10,000 prior draws, chains
         * weighed by 4,000 importance draws.
         */
        public static Config defaults() {
            return new Config(4, 1000, 10_000, Math.min(4, Runtime.getRuntime().availableProcessors()), 0.8, 10, 4_000);
        }

        public Config withBalanceDraws(int newBalanceDraws) {
            return new Config(chains, warmup, startDraws, threads, targetAcceptance, maxDepth, newBalanceDraws);
        }

        public Config withChains(int newChains) {
            return new Config(newChains, warmup, Math.max(startDraws, newChains), threads, targetAcceptance, maxDepth, balanceDraws);
        }

        public Config withWarmup(int newWarmup) {
            return new Config(chains, newWarmup, startDraws, threads, targetAcceptance, maxDepth, balanceDraws);
        }

        public Config withStartDraws(int newStartDraws) {
            return new Config(chains, warmup, newStartDraws, threads, targetAcceptance, maxDepth, balanceDraws);
        }

        public Config withThreads(int newThreads) {
            return new Config(chains, warmup, startDraws, newThreads, targetAcceptance, maxDepth, balanceDraws);
        }

        public Config withTargetAcceptance(double newTarget) {
            return new Config(chains, warmup, startDraws, threads, newTarget, maxDepth, balanceDraws);
        }
    }

    private final Kernel kernel;
    private final Config config;

    private MultiChainSampler(Kernel kernel, Config config) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.config = Objects.requireNonNull(config, "config");
    }

    public static MultiChainSampler nuts(Config config) {
        return new MultiChainSampler(Kernel.NUTS, config);
    }

    public static MultiChainSampler slice(Config config) {
        return new MultiChainSampler(Kernel.SLICE, config);
    }

    public Config config() {
        return config;
    }

    @Override
    public String name() {
        return kernel.label;
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
        LogLikelihood likelihood = likelihoodOf(task);
        int startDraws = (int) Math.min(config.startDraws(), ladder[0] / 4);
        if (startDraws < config.chains()) {
            throw new IllegalArgumentException("first budget " + ladder[0] + " is too small for " + name() + " with "
                    + config.chains() + " chains: expected at least " + 4L * config.chains() + " likelihood evaluations");
        }
        checkChainsHaveBudget(ladder[0], startDraws);
        Rng startRng = rng.split();
        PosteriorTarget startTarget = new PosteriorTarget(task.prior(), likelihood, observation);
        ChainRun.Starts starts = new ChainRun.Starts() {
            private double ess = Double.NaN;

            @Override
            public double[][] choose(int chains) {
                ImportanceResampledStarts drawn = ImportanceResampledStarts.draw(startTarget, task.prior(), startDraws,
                        chains, startRng, task.name());
                ess = drawn.effectiveSampleSize();
                double[][] positions = new double[chains][];
                for (int c = 0; c < chains; c++) {
                    positions[c] = drawn.states()[c].position();
                }
                return positions;
            }

            @Override
            public long evaluations() {
                return startTarget.evaluations();
            }

            @Override
            public double effectiveSampleSize() {
                return ess;
            }
        };
        return runChains(task, likelihood, observation, ladder, numSamples, starts, startDraws, rng);
    }

    /**
     * Runs the chains from given positions rather than from prior draws: a warm start from an approximate
     * posterior's draws (an amortised posterior's, say), which spends no evaluations on finding starts. Chain c
     * starts at row ⌊(c + ½)·R/C⌋ of the R candidates, so draws in random order give C spread-out starts; the
     * diagnostics' {@code initial_ess} is NaN. Draws, in order: one unused generator (as {@link #run} draws its
     * starts' one), then one per chain.
     *
     * @param candidates θ rows inside the prior's support, at least one
     */
    public List<AnytimeAnswer> runFrom(double[][] candidates, Task task, double[] observation, long[] budgets,
                                       int numSamples, Rng rng) {
        long[] ladder = RunArguments.check(task, observation, budgets, numSamples);
        LogLikelihood likelihood = likelihoodOf(task);
        if (candidates == null || candidates.length == 0) {
            throw new IllegalArgumentException("no starting positions given for " + name());
        }
        for (int r = 0; r < candidates.length; r++) {
            if (!(task.prior().logDensity(candidates[r]) > Double.NEGATIVE_INFINITY)) {
                throw new IllegalArgumentException("starting position " + (r + 1) + " " + Arrays.toString(candidates[r])
                        + " lies outside the prior's support of task " + task.name());
            }
        }
        checkChainsHaveBudget(ladder[0], 0);
        rng.split();
        ChainRun.Starts given = new ChainRun.Starts() {
            @Override
            public double[][] choose(int chains) {
                double[][] positions = new double[chains][];
                for (int c = 0; c < chains; c++) {
                    positions[c] = candidates[(int) ((c + 0.5) * candidates.length / chains)].clone();
                }
                return positions;
            }

            @Override
            public long evaluations() {
                return 0;
            }

            @Override
            public double effectiveSampleSize() {
                return Double.NaN;
            }
        };
        return runChains(task, likelihood, observation, ladder, numSamples, given, 0, rng);
    }

    private LogLikelihood likelihoodOf(Task task) {
        return task.likelihood().orElseThrow(() -> new IllegalArgumentException("task " + task.name()
                + " has no tractable likelihood; " + name() + " needs log p(x | θ)"));
    }

    private void checkChainsHaveBudget(long firstBudget, long startDraws) {
        if (firstBudget - startDraws - config.balanceDraws() < 2L * config.chains()) {
            throw new IllegalArgumentException("first budget " + firstBudget + " is too small for " + name() + ": the "
                    + startDraws + " start and " + config.balanceDraws() + " balancing evaluations leave too few for "
                    + config.chains() + " chains");
        }
    }

    private List<AnytimeAnswer> runChains(Task task, LogLikelihood likelihood, double[] observation, long[] ladder,
                                          int numSamples, ChainRun.Starts starts, long startReserve, Rng rng) {
        Rng[] chainRngs = rng.split(config.chains());
        Rng balanceRng = rng.split();
        SnapshotClock clock = new SnapshotClock();
        ChainRun chainRun = new ChainRun(kernel, config, task, likelihood, observation, starts, startReserve, chainRngs,
                balanceRng);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.threads(), config.chains()), r -> {
            Thread t = new Thread(r, name() + "-chain");
            t.setDaemon(true);
            return t;
        });
        try {
            List<AnytimeAnswer> answers = new ArrayList<>(ladder.length);
            for (long budget : ladder) {
                long[] before = chainRun.cost();
                clock.progress(() -> chainRun.advanceTo(budget, pool));
                long[] after = chainRun.cost();
                clock.countLikelihoodEvaluations(after[0] - before[0]);
                clock.countGradientEvaluations(after[1] - before[1]);
                answers.add(clock.answer(budget, () -> chainRun.snapshot(numSamples)));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
