package dev.amortizer.bench;

import dev.amortizer.cost.Stopwatch;
import java.util.function.IntConsumer;

/**
 * Untimed warm-up before a timed query: the same kind of run repeated until {@link #SECONDS} of wall time have
 * passed (at least once, at most {@link #MAX_RUNS} times), so that every timed query meets code the JIT has finished
 * compiling. One run was not enough for cheap methods: random-walk MCMC at 10⁴ evaluations on two_moons took 55, 40,
 * 38 ms on the first three timed queries after one warm-up run, and in one of two checks about half that after thirty
 * (results/plan-validation.md); a pilot timing three queries priced it twice as dear as a bench timing forty. A dear
 * run (seconds) is not repeated: one already passes the JIT's thresholds.
 */
public final class WarmUp {
    /** Wall seconds of warm-up runs before timing. */
    public static final double SECONDS = 1.0;
    /** Enough for a run of a few milliseconds to settle; caps the cost of the cheapest. */
    public static final int MAX_RUNS = 200;

    private WarmUp() {
    }

    /** Calls {@code run} with 0, 1, 2, ... until {@link #SECONDS} have passed or {@link #MAX_RUNS} runs; the count. */
    public static int repeat(IntConsumer run) {
        Stopwatch watch = Stopwatch.start();
        int runs = 0;
        do {
            run.accept(runs);
            runs++;
        } while (runs < MAX_RUNS && watch.elapsed().wallSeconds() < SECONDS);
        return runs;
    }
}
