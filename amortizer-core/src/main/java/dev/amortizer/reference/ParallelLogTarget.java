package dev.amortizer.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * A deterministic log density evaluated over a batch on a few threads. The function must be pure, so the values do
 * not depend on the thread count; evaluations are counted.
 */
final class ParallelLogTarget implements AutoCloseable {
    private final ToDoubleFunction<double[]> logTarget;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicLong evaluations = new AtomicLong();

    ParallelLogTarget(ToDoubleFunction<double[]> logTarget, int threads) {
        this.logTarget = logTarget;
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "log-target");
            t.setDaemon(true);
            return t;
        });
    }

    double[] evaluate(double[][] z) {
        double[] out = new double[z.length];
        evaluations.addAndGet(z.length);
        if (pool == null) {
            for (int i = 0; i < z.length; i++) {
                out[i] = logTarget.applyAsDouble(z[i]);
            }
            return out;
        }
        int chunk = (z.length + threads - 1) / threads;
        List<Future<?>> parts = new ArrayList<>();
        for (int from = 0; from < z.length; from += chunk) {
            int start = from;
            int end = Math.min(z.length, from + chunk);
            parts.add(pool.submit(() -> {
                for (int i = start; i < end; i++) {
                    out[i] = logTarget.applyAsDouble(z[i]);
                }
            }));
        }
        try {
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("log-density evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("log-density evaluation failed", e.getCause());
        }
        return out;
    }

    long evaluations() {
        return evaluations.get();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
