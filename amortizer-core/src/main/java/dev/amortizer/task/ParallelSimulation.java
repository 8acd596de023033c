package dev.amortizer.task;

import dev.amortizer.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a simulator over a batch of θ rows in parallel threads, with output that does not depend on the thread count.
 *
 * <p>The batch is cut into fixed chunks of {@link #CHUNK} rows; chunk c gets the c-th child of {@code rng}, split in
 * order in the calling thread before any work starts. Each chunk is simulated in order with its own generator, so
 * the rows are the same for 1 thread or 16, and for any scheduling.
 *
 * <p>{@code double[][] x = ParallelSimulation.simulate(task.simulator(), theta, Rng.seeded(7), 2);}
 */
public final class ParallelSimulation {
    /** Rows per independently seeded chunk. */
    public static final int CHUNK = 256;

    private ParallelSimulation() {
    }

    /** x row i ~ p(x | θ row i), on {@code threads} threads (1 runs in the calling thread). */
    public static double[][] simulate(Simulator simulator, double[][] theta, Rng rng, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != simulator.parameterDim()) {
                throw new IllegalArgumentException("theta row " + i + " has "
                        + (theta[i] == null ? "no" : String.valueOf(theta[i].length)) + " values, the simulator expects "
                        + simulator.parameterDim());
            }
        }
        int chunks = (theta.length + CHUNK - 1) / CHUNK;
        Rng[] seeds = rng.split(chunks);
        double[][] out = new double[theta.length][];
        if (threads == 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                runChunk(simulator, theta, out, c, seeds[c]);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks), r -> {
            Thread t = new Thread(r, "simulation");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                futures.add(pool.submit(() -> runChunk(simulator, theta, out, chunk, seeds[chunk])));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("simulation failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static void runChunk(Simulator simulator, double[][] theta, double[][] out, int chunk, Rng rng) {
        int from = chunk * CHUNK;
        int to = Math.min(theta.length, from + CHUNK);
        double[][] part = new double[to - from][];
        System.arraycopy(theta, from, part, 0, to - from);
        double[][] x = simulator.simulate(part, rng);
        System.arraycopy(x, 0, out, from, to - from);
    }
}
