package dev.amortizer.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Accumulates cost per phase; thread-safe. Time is measured by {@link #start(Phase)} blocks,
 * counts are added by the code that does the work.
 *
 * <p>{@code try (var t = meter.start(Phase.TRAINING)) { train(); } meter.countSimulations(Phase.SIMULATION, n);}
 *
 * <p>CPU time is the whole process's (native ND4J threads and GC included), so overlapping
 * blocks on different threads each see the other's CPU; keep metered work sequential when the
 * CPU column matters.
 */
public final class CostMeter {
    private final EnumMap<Phase, Cost> totals = new EnumMap<>(Phase.class);

    /** A running timer; closing it adds its wall and CPU time to its phase. */
    public final class Timer implements AutoCloseable {
        private final Phase phase;
        private final Stopwatch watch = Stopwatch.start();
        private boolean closed;

        private Timer(Phase phase) {
            this.phase = phase;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            add(phase, watch.elapsed());
        }
    }

    /** Starts timing {@code phase}; close the returned timer when the work ends. */
    public Timer start(Phase phase) {
        return new Timer(phase);
    }

    public void countSimulations(Phase phase, long n) {
        add(phase, new Cost(0, 0, n, 0, 0, 0, 0));
    }

    public void countLikelihoodEvaluations(Phase phase, long n) {
        add(phase, new Cost(0, 0, 0, n, 0, 0, 0));
    }

    public void countGradientEvaluations(Phase phase, long n) {
        add(phase, new Cost(0, 0, 0, 0, n, 0, 0));
    }

    public void countForwardPasses(Phase phase, long n) {
        add(phase, new Cost(0, 0, 0, 0, 0, n, 0));
    }

    /** Adds an already-measured cost to a phase. */
    public synchronized void add(Phase phase, Cost cost) {
        totals.merge(phase, cost, Cost::plus);
    }

    /** Adds every phase of a ledger. */
    public synchronized void add(CostLedger ledger) {
        for (Map.Entry<Phase, Cost> e : ledger.byPhase().entrySet()) {
            add(e.getKey(), e.getValue());
        }
    }

    /** What has been recorded so far. */
    public synchronized CostLedger ledger() {
        return CostLedger.of(totals);
    }

    /** VmHWM from /proc/self/status (Linux); 0 where unavailable. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
