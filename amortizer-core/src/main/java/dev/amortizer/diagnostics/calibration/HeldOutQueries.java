package dev.amortizer.diagnostics.calibration;

import dev.amortizer.amortiser.AmortisedDensity;
import dev.amortizer.amortiser.AmortisedPosterior;
import dev.amortizer.cost.CostMeter;
import dev.amortizer.posterior.Posterior;
import dev.amortizer.random.Rng;
import dev.amortizer.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The L posterior draws for each held-out observation, on several threads. Query n uses the n-th generator given,
 * split in order before any work, and writes only its own slot, so the draws do not depend on the thread count or
 * the scheduling (posteriors are thread-safe by contract). An MCMC-based posterior (NLE, NRE) spends a good part of
 * a second per query, which is why the queries, not the statistics, are spread over the cores.
 *
 * <p>The log-densities an {@link AmortisedDensity} gives for HPD coverage are evaluated in a second pass, so that
 * the queries' cost is the draws' alone.
 */
final class HeldOutQueries {
    private HeldOutQueries() {
    }

    /** The draws of query n (rows), or null where the observation was invalid or refused. */
    static double[][][] draws(Posterior posterior, Task task, double[][] xs, int l, Rng[] rngs, CostMeter meter,
                              int threads) {
        double[][][] draws = new double[xs.length][][];
        parallelFor(xs.length, threads, k -> draws[k] = query(posterior, task, xs[k], l, rngs[k], meter));
        return draws;
    }

    /** log q of θ*_n (first) and of each of its draws, at x*_n; null where the draws are. */
    static double[][] logDensities(AmortisedDensity q, double[][] thetas, double[][] xs, double[][][] draws,
                                   int threads) {
        double[][] logQ = new double[xs.length][];
        parallelFor(xs.length, threads, k -> {
            if (draws[k] != null) {
                int l = draws[k].length;
                double[][] at = new double[l + 1][];
                double[][] x = new double[l + 1][];
                at[0] = thetas[k];
                System.arraycopy(draws[k], 0, at, 1, l);
                Arrays.fill(x, xs[k]);
                logQ[k] = q.logDensity(at, x);
            }
        });
        return logQ;
    }

    private static double[][] query(Posterior posterior, Task task, double[] x, int l, Rng rng, CostMeter meter) {
        try {
            task.checkObservation(x); // a failed simulation (NaN) or one outside the data's support
            return (posterior instanceof AmortisedPosterior a ? a.sample(x, l, rng, meter)
                    : posterior.sample(x, l, rng)).toArray();
        } catch (IllegalArgumentException refused) { // or an observation with (almost) no posterior mass
            return null;
        }
    }

    private static void parallelFor(int n, int threads, IntConsumer body) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)), r -> {
            Thread t = new Thread(r, "calibration-query");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> body.accept(k)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration queries interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
