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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** The state of one run: its starts, its chains and their draws in θ. */
final class ChainRun {
    /** Where the chains start: C positions in θ, chosen on the first advance, and what choosing them evaluated. */
    interface Starts {
        /** C starting positions in θ, inside the prior's support. */
        double[][] choose(int chains);

        /** Likelihood evaluations spent on choosing them so far. */
        long evaluations();

        /** The effective sample size the starts were chosen from, NaN where they were given. */
        double effectiveSampleSize();
    }

    private final MultiChainSampler.Kernel kernel;
    private final MultiChainSampler.Config config;
    private final Starts starts;
    private final Task task;
    private final Bijection bijection;
    private final UnconstrainedPosterior prototype;
    private final long startReserve;
    private final Rng[] chainRngs;
    private final ChainPooling pooling;
    private final PooledDraws draws;
    private final PooledDraws warmupDraws;
    private MarkovChain[] chains;
    private double initialEss;

    /** @param startReserve evaluations of each budget set aside for the starts (the prior draws they are chosen from) */
    ChainRun(MultiChainSampler.Kernel kernel, MultiChainSampler.Config config, Task task, LogLikelihood likelihood,
             double[] observation, Starts starts, long startReserve, Rng[] chainRngs, Rng balanceRng) {
        this.kernel = kernel;
        this.config = config;
        this.starts = starts;
        this.startReserve = startReserve;
        this.task = task;
        this.prototype = new UnconstrainedPosterior(task.prior(), likelihood, observation);
        this.bijection = prototype.bijection();
        this.chainRngs = chainRngs;
        this.pooling = new ChainPooling(bijection, prototype, config.balanceDraws(),
                ChainPooling.WeighWhen.CHAINS_DISAGREE, balanceRng,
                task.parameterNames());
        this.draws = new PooledDraws(chainRngs.length, task.parameterDim());
        this.warmupDraws = new PooledDraws(chainRngs.length, task.parameterDim());
    }

    /** {likelihood evaluations, gradient evaluations} so far. */
    long[] cost() {
        long evaluations = starts.evaluations();
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
        long available = Math.max(0, budget - startReserve - config.balanceDraws());
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
        double[][] positions = starts.choose(chainRngs.length);
        initialEss = starts.effectiveSampleSize();
        chains = new MarkovChain[chainRngs.length];
        for (int c = 0; c < chains.length; c++) {
            double[] u = bijection.inverse(positions[c]);
            UnconstrainedPosterior target = prototype.copy();
            chains[c] = kernel == MultiChainSampler.Kernel.NUTS
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
        if (kernel == MultiChainSampler.Kernel.NUTS) {
            diagnostics.put("divergences", (double) divergences);
            diagnostics.put("divergences_at_zero_density", (double) atZeroDensity);
        }
        diagnostics.put("acceptance_rate", acceptance / chains.length);
        diagnostics.put(kernel == MultiChainSampler.Kernel.NUTS ? "step_size" : "slice_width", tuning / chains.length);
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
