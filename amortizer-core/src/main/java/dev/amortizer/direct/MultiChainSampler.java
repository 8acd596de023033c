package dev.amortizer.direct;

import dev.amortizer.bijection.Bijection;
import dev.amortizer.data.Samples;
import dev.amortizer.random.Rng;
import dev.amortizer.task.LogLikelihood;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        LogLikelihood likelihood = task.likelihood().orElseThrow(() -> new IllegalArgumentException("task " + task.name()
                + " has no tractable likelihood; " + name() + " needs log p(x | θ)"));
        int startDraws = (int) Math.min(config.startDraws(), ladder[0] / 4);
        if (startDraws < config.chains()) {
            throw new IllegalArgumentException("first budget " + ladder[0] + " is too small for " + name() + " with "
                    + config.chains() + " chains: expected at least " + 4L * config.chains() + " likelihood evaluations");
        }
        if (ladder[0] - startDraws - config.balanceDraws() < 2L * config.chains()) {
            throw new IllegalArgumentException("first budget " + ladder[0] + " is too small for " + name() + ": the "
                    + startDraws + " start and " + config.balanceDraws() + " balancing evaluations leave too few for "
                    + config.chains() + " chains");
        }
        Rng startRng = rng.split();
        Rng[] chainRngs = rng.split(config.chains());
        Rng balanceRng = rng.split();
        SnapshotClock clock = new SnapshotClock();
        ChainRun chainRun = new ChainRun(task, likelihood, observation, startDraws, startRng, chainRngs, balanceRng);
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

    /** The state of one run: its starts, its chains and their draws in θ. */
    private final class ChainRun {
        private final Task task;
        private final Bijection bijection;
        private final UnconstrainedPosterior prototype;
        private final PosteriorTarget startTarget;
        private final int startDraws;
        private final Rng startRng;
        private final Rng[] chainRngs;
        private final ChainPooling pooling;
        private final PooledDraws draws;
        private final PooledDraws warmupDraws;
        private MarkovChain[] chains;
        private double initialEss;

        ChainRun(Task task, LogLikelihood likelihood, double[] observation, int startDraws, Rng startRng, Rng[] chainRngs,
                 Rng balanceRng) {
            this.task = task;
            this.prototype = new UnconstrainedPosterior(task.prior(), likelihood, observation);
            this.bijection = prototype.bijection();
            this.startTarget = new PosteriorTarget(task.prior(), likelihood, observation);
            this.startDraws = startDraws;
            this.startRng = startRng;
            this.chainRngs = chainRngs;
            this.pooling = new ChainPooling(bijection, prototype, config.balanceDraws(),
                    ChainPooling.WeighWhen.CHAINS_DISAGREE, balanceRng,
                    task.parameterNames());
            this.draws = new PooledDraws(chainRngs.length, task.parameterDim());
            this.warmupDraws = new PooledDraws(chainRngs.length, task.parameterDim());
        }

        /** {likelihood evaluations, gradient evaluations} so far. */
        long[] cost() {
            long evaluations = startTarget.evaluations();
            long gradients = 0;
            if (chains != null) {
                for (MarkovChain chain : chains) {
                    evaluations += chain.target().likelihoodEvaluations();
                    gradients += chain.target().gradientEvaluations();
                }
            }
            return new long[] {evaluations, gradients};
        }

        void advanceTo(long budget, ExecutorService pool) {
            if (chains == null) {
                start();
            }
            int c = chains.length;
            long available = Math.max(0, budget - startDraws - config.balanceDraws());
            List<Future<?>> futures = new ArrayList<>(c);
            for (int i = 0; i < c; i++) {
                int chain = i;
                long share = available / c + (i < available % c ? 1 : 0);
                futures.add(pool.submit(() -> advanceChain(chain, share)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running the chains", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }

        private void start() {
            ImportanceResampledStarts starts = ImportanceResampledStarts.draw(startTarget, task.prior(), startDraws,
                    chainRngs.length, startRng, task.name());
            initialEss = starts.effectiveSampleSize();
            chains = new MarkovChain[chainRngs.length];
            for (int c = 0; c < chains.length; c++) {
                double[] u = bijection.inverse(starts.states()[c].position());
                UnconstrainedPosterior target = prototype.copy();
                chains[c] = kernel == Kernel.NUTS
                        ? new NutsChain(target, u, chainRngs[c], config.warmup(), config.targetAcceptance(), config.maxDepth())
                        : new SliceChain(target, u, chainRngs[c], config.warmup());
            }
        }

        private void advanceChain(int c, long share) {
            MarkovChain chain = chains[c];
            while (chain.target().likelihoodEvaluations() < share) {
                boolean sampling = chain.warm();
                chain.iterate();
                (sampling ? draws : warmupDraws).add(c, bijection.forward(chain.position()));
            }
        }

        SnapshotClock.Snapshot snapshot(int numSamples) {
            boolean warm = draws.size() > 0;
            PooledDraws source = warm ? draws : latterHalf(warmupDraws);
            Map<String, Double> diagnostics = new LinkedHashMap<>();
            diagnostics.put("chains", (double) chains.length);
            diagnostics.put("warmup_complete", warm ? 1.0 : 0.0);
            diagnostics.put("draws", (double) source.size());
            ChainPooling.Pooled pooled;
            if (source.size() == 0) {
                pooled = new ChainPooling.Pooled(startRows(numSamples), 0, List.of());
                diagnostics.put("rhat", Double.NaN);
                diagnostics.put("ess_bulk", Double.NaN);
                diagnostics.put("ess_tail", Double.NaN);
                diagnostics.put("rows", (double) numSamples);
                diagnostics.put("distinct_rows", (double) ChainPooling.distinct(pooled.rows()));
            } else {
                pooled = pooling.pool(source, numSamples, diagnostics);
            }
            long divergences = 0;
            long atZeroDensity = 0;
            double acceptance = 0;
            double tuning = 0;
            for (MarkovChain chain : chains) {
                divergences += chain.divergences();
                atZeroDensity += chain.divergencesAtZeroDensity();
                acceptance += chain.meanAcceptance();
                tuning += chain.tuning();
            }
            if (kernel == Kernel.NUTS) {
                diagnostics.put("divergences", (double) divergences);
                diagnostics.put("divergences_at_zero_density", (double) atZeroDensity);
            }
            diagnostics.put("acceptance_rate", acceptance / chains.length);
            diagnostics.put(kernel == Kernel.NUTS ? "step_size" : "slice_width", tuning / chains.length);
            diagnostics.put("initial_ess", initialEss);
            return new SnapshotClock.Snapshot(Samples.of(task.parameterNames(), pooled.rows()), diagnostics,
                    pooled.balanceEvaluations(), pooled.parameters());
        }

        private PooledDraws latterHalf(PooledDraws all) {
            PooledDraws out = new PooledDraws(all.chains(), task.parameterDim());
            for (int c = 0; c < all.chains(); c++) {
                int n = all.count(c);
                for (double[] row : all.chain(c, n / 2, n)) {
                    out.add(c, row);
                }
            }
            return out;
        }

        private double[][] startRows(int numSamples) {
            double[][] rows = new double[numSamples][];
            for (int i = 0; i < numSamples; i++) {
                rows[i] = bijection.forward(chains[i % chains.length].position());
            }
            return rows;
        }
    }
}
