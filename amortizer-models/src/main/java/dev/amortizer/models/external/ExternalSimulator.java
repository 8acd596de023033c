package dev.amortizer.models.external;

import dev.amortizer.random.Rng;
import dev.amortizer.task.FailureCounts;
import dev.amortizer.task.FailureReporting;
import dev.amortizer.task.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulator run by an external command (protocol: amortizer-models/README.md, "Your own task"). The θ rows of a
 * call are cut into batches of {@link ExternalCommand#batchSize()} rows, each seeded from the caller's generator in
 * order before any runs, and sent to a pool of worker processes; the output depends on the seed, not on the number
 * of workers or their scheduling.
 *
 * <p>A batch that fails (the process exits, overruns its time, or answers with the wrong shape or text) is retried
 * in halves, down to single rows, so a bad θ costs only its own row: that row becomes NaN and is counted by kind
 * ({@link #simulateReporting} for one call, {@link #failures()} since the start), or, with
 * {@link ExternalCommand.OnFailure#FAIL}, stops the run. A command that fails on
 * the first rows it is given, before any success, is bad input at once rather than a run of dropped rows.
 *
 * <p>{@code try (var sim = new ExternalSimulator(command, List.of("mu"), List.of("x"))) { double[][] x = sim.simulate(theta, rng); }}
 */
public final class ExternalSimulator implements Simulator, FailureReporting, AutoCloseable {
    /** Single rows that fail, with no success anywhere before, after which the command is judged broken. */
    static final int FIRST_FAILURES = 3;

    /** The kinds a failed row is counted under ({@link FailureCounts}). */
    public static final String CRASHED = "crashed";
    public static final String TIMEOUT = "timeout";
    public static final String MALFORMED = "malformed";
    public static final String NON_FINITE = FailureCounts.NON_FINITE;

    private final WorkerPool pool;
    private final ExecutorService threads;
    private final List<String> parameterNames;
    private final String header;
    private final String expectedHeader;
    private final int dataDim;
    private final java.util.concurrent.atomic.AtomicLong simulated = new java.util.concurrent.atomic.AtomicLong();
    private FailureCounts failures = FailureCounts.NONE; // guarded by this
    private final AtomicBoolean succeeded = new AtomicBoolean();
    private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

    public ExternalSimulator(ExternalCommand command, List<String> parameterNames, List<String> dataNames) {
        if (parameterNames.isEmpty() || dataNames.isEmpty()) {
            throw new IllegalArgumentException("need at least one parameter and one data name");
        }
        this.pool = new WorkerPool(command);
        this.parameterNames = List.copyOf(parameterNames);
        this.header = String.join(",", parameterNames);
        this.expectedHeader = String.join(",", dataNames);
        this.dataDim = dataNames.size();
        this.threads = Executors.newFixedThreadPool(command.workers(), r -> {
            Thread t = new Thread(r, "external-simulator");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int parameterDim() {
        return parameterNames.size();
    }

    @Override
    public int dataDim() {
        return dataDim;
    }

    @Override
    public double[] simulate(double[] theta, Rng rng) {
        return simulate(new double[][] {theta}, rng)[0];
    }

    @Override
    public double[][] simulate(double[][] theta, Rng rng) {
        return simulateReporting(theta, rng).x();
    }

    @Override
    public Outcome simulateReporting(double[][] theta, Rng rng) {
        for (int i = 0; i < theta.length; i++) {
            if (theta[i] == null || theta[i].length != parameterDim()) {
                throw new IllegalArgumentException("theta row " + i + " has "
                        + (theta[i] == null ? "no" : String.valueOf(theta[i].length)) + " values, the simulator expects "
                        + parameterDim());
            }
        }
        int size = pool.command().batchSize();
        int batches = (theta.length + size - 1) / size;
        long[] seeds = new long[batches];
        for (int b = 0; b < batches; b++) {
            seeds[b] = rng.split().nextLong() >>> 1; // non-negative, for commands that parse it as signed or not
        }
        double[][] out = new double[theta.length][];
        Map<String, Long> kinds = java.util.Collections.synchronizedMap(new TreeMap<>());
        List<Future<?>> futures = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) {
            int from = b * size;
            double[][] rows = Arrays.copyOfRange(theta, from, Math.min(theta.length, from + size));
            long seed = seeds[b];
            futures.add(threads.submit(() -> solve(rows, seed, out, from, kinds)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("simulation failed", e.getCause());
        }
        FailureCounts call = new FailureCounts(kinds);
        simulated.addAndGet(theta.length);
        synchronized (this) {
            failures = failures.plus(call);
        }
        return new Outcome(out, call);
    }

    /** Rows {@code rows}, to be stored from {@code out[offset]}: the batch, else its halves, else NaN rows. */
    private void solve(double[][] rows, long seed, double[][] out, int offset, Map<String, Long> kinds) {
        try {
            double[][] x = pool.run(seed, header, rows, expectedHeader, dataDim);
            succeeded.set(true);
            for (int i = 0; i < x.length; i++) {
                if (!finite(x[i])) {
                    kinds.merge(NON_FINITE, 1L, Long::sum);
                    fail(rows[i], "the answer is not finite: " + Arrays.toString(x[i]), NON_FINITE);
                }
                out[offset + i] = x[i];
            }
        } catch (BatchFailure f) {
            if (rows.length == 1) {
                failedRow(rows[0], f, kinds);
                out[offset] = nanRow();
                return;
            }
            int half = rows.length / 2;
            solve(Arrays.copyOfRange(rows, 0, half), mix(seed, 1), out, offset, kinds);
            solve(Arrays.copyOfRange(rows, half, rows.length), mix(seed, 2), out, offset + half, kinds);
        }
    }

    private void failedRow(double[] theta, BatchFailure f, Map<String, Long> kinds) {
        String kind = switch (f.kind) {
            case CRASHED -> CRASHED;
            case TIMED_OUT -> TIMEOUT;
            case MALFORMED -> MALFORMED;
        };
        kinds.merge(kind, 1L, Long::sum);
        pool.note(f.getMessage() + " for theta (" + header + ") = " + Arrays.toString(theta));
        if (!succeeded.get() && failuresBeforeSuccess.incrementAndGet() >= FIRST_FAILURES) {
            throw new IllegalArgumentException("simulator command " + pool.command().describe() + " failed on each of"
                    + " the first " + FIRST_FAILURES + " rows it was given alone, with no success before; the last: "
                    + f.getMessage() + ", for θ (" + header + ") = " + Arrays.toString(theta)
                    + "; its standard error ends:\n" + pool.logTail());
        }
        fail(theta, f.getMessage(), kind);
    }

    private void fail(double[] theta, String why, String kind) {
        if (kind.equals(NON_FINITE)) {
            pool.note("non-finite: " + why + " for theta (" + header + ") = " + Arrays.toString(theta));
        }
        if (pool.command().onFailure() == ExternalCommand.OnFailure.FAIL) {
            throw new IllegalArgumentException("simulator command " + pool.command().describe() + " failed ("
                    + why + ") for θ (" + header + ") = " + Arrays.toString(theta)
                    + " and the task's onFailure is \"fail\"; its standard error ends:\n" + pool.logTail());
        }
    }

    /** A child seed of a failed batch's half, a fixed function of the parent's so reruns give the same rows. */
    static long mix(long seed, int half) {
        long z = seed * 0x9E3779B97F4A7C15L + half;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) >>> 1;
    }

    private double[] nanRow() {
        double[] x = new double[dataDim];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The failed rows by kind since this simulator was made. */
    public synchronized FailureCounts failures() {
        return failures;
    }

    /** The rows asked for since this simulator was made. */
    public long simulated() {
        return simulated.get();
    }

    /** The file the command's standard error and our notes on failed rows are appended to. */
    public java.nio.file.Path log() {
        return pool.command().log();
    }

    /** Ends the worker processes (they also end when the JVM exits). */
    @Override
    public void close() {
        threads.shutdownNow();
        pool.close();
    }
}
