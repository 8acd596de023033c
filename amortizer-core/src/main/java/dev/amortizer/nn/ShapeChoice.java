package dev.amortizer.nn;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@link ComputeBackend#AUTO}'s choice for one product shape (forward or backward, rows × in × out), made by timing
 * both paths on the shape's first calls: calls alternate between Java and ND4J, the first {@value #SKIPPED} of each
 * untimed (the JIT compiling the Java kernels, ND4J starting), the next {@value #TIMED} of each timed; the path with
 * the lower median then takes every later call of that shape in this process.
 *
 * <p>Why at run time: where ND4J starts to pay moves with the machine and its load (one machine ran width 128 at
 * 512 rows 1.13× faster in Java, another 1.13× faster in ND4J; amortizer-bench/results/training-backends.md), so no
 * fixed threshold keeps AUTO near the better path everywhere. The two paths round differently, so AUTO trains to bits
 * that depend on these timings; {@code java}, {@code nd4j} and {@code classic} are the reproducible settings.
 * Products below {@value #MIN_TIMED_MACS} multiply-adds stay in Java untimed: ND4J's fixed cost per call (about
 * 0.1 ms) exceeds their whole arithmetic.
 */
final class ShapeChoice {
    /** Calls per path not timed, at the start of a shape's trial. */
    static final int SKIPPED = 10;
    /** Calls per path timed. */
    static final int TIMED = 9;
    /** Products smaller than this (rows × in × out) run in Java without a trial. */
    static final long MIN_TIMED_MACS = 1L << 17;

    private static final Map<Long, ShapeChoice> CHOICES = new ConcurrentHashMap<>();

    private final long[] javaNanos = new long[TIMED];
    private final long[] nd4jNanos = new long[TIMED];
    private int calls;
    private int javaTimed;
    private int nd4jTimed;
    private volatile Boolean inNd4j;

    /** The shared choice for a shape, created on first use. */
    static ShapeChoice of(boolean backward, int rows, int in, int out) {
        long key = ((long) rows << 40) ^ ((long) in << 20) ^ out ^ (backward ? Long.MIN_VALUE : 0);
        return CHOICES.computeIfAbsent(key, k -> new ShapeChoice());
    }

    /** Whether a product of this size is left to Java without a trial. */
    static boolean tooSmallToTime(int rows, int in, int out) {
        return rows < 1 || in < 1 || (long) rows * in * out < MIN_TIMED_MACS;
    }

    /** Forgets every shape's choice (tests). */
    static void reset() {
        CHOICES.clear();
    }

    /** Runs the product on the chosen path, or during the trial on the next path in turn, timing it. */
    <T> T run(Supplier<T> java, Supplier<T> nd4j) {
        return run(java, nd4j, System::nanoTime);
    }

    <T> T run(Supplier<T> java, Supplier<T> nd4j, LongSupplier clock) {
        Boolean chosen = inNd4j;
        if (chosen != null) {
            return chosen ? nd4j.get() : java.get();
        }
        int call = nextCall();
        boolean useNd4j = call % 2 == 1;
        boolean timed = call >= 2 * SKIPPED;
        long start = timed ? clock.getAsLong() : 0;
        T result = useNd4j ? nd4j.get() : java.get();
        if (timed) {
            record(useNd4j, clock.getAsLong() - start);
        }
        return result;
    }

    private synchronized int nextCall() {
        return calls++;
    }

    /** Adds one timed call; after {@value #TIMED} of each path, fixes the choice. */
    synchronized void record(boolean nd4j, long nanos) {
        if (inNd4j != null) {
            return;
        }
        if (nd4j && nd4jTimed < TIMED) {
            nd4jNanos[nd4jTimed++] = nanos;
        } else if (!nd4j && javaTimed < TIMED) {
            javaNanos[javaTimed++] = nanos;
        }
        if (javaTimed == TIMED && nd4jTimed == TIMED) {
            inNd4j = median(nd4jNanos) < median(javaNanos);
        }
    }

    /** The path chosen, or null while the trial runs. */
    Boolean chosenNd4j() {
        return inNd4j;
    }

    private static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
