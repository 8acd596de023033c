package dev.amortizer.direct.mcmc;

/**
 * Stan's windowed warm-up of N iterations: a fast initial buffer (75) adapting only the step size, then slow
 * windows that also estimate the metric, of 25, 50, 100, … iterations (each twice the last, the final one
 * stretched to meet the terminal buffer), then a fast terminal buffer (50). When N is too short for 75 + 25 + 50,
 * the buffers become 15 % and 10 % of N and one window takes the remaining 75 %.
 *
 * @see "Stan Reference Manual, HMC algorithm parameters: automatic parameter tuning"
 */
public final class WarmupSchedule {
    private final int warmup;
    private final int initialBuffer;
    private final int terminalBuffer;
    private final int baseWindow;

    /** @param warmup N ≥ 20 iterations */
    public WarmupSchedule(int warmup) {
        if (warmup < 20) {
            throw new IllegalArgumentException("warmup is " + warmup + " iterations, expected >= 20");
        }
        this.warmup = warmup;
        if (75 + 25 + 50 > warmup) {
            initialBuffer = (int) (0.15 * warmup);
            terminalBuffer = (int) (0.10 * warmup);
            baseWindow = warmup - initialBuffer - terminalBuffer;
        } else {
            initialBuffer = 75;
            terminalBuffer = 50;
            baseWindow = 25;
        }
    }

    public int warmup() {
        return warmup;
    }

    /** Whether iteration {@code i} (0-based) falls in a slow window, whose draws feed the metric. */
    public boolean inSlowWindow(int i) {
        return i >= initialBuffer && i < warmup - terminalBuffer;
    }

    /** Whether a slow window ends after iteration {@code i} (0-based): the metric is updated then. */
    public boolean endsWindow(int i) {
        if (!inSlowWindow(i)) {
            return false;
        }
        int start = initialBuffer;
        int size = baseWindow;
        while (true) {
            int end = start + size;
            int nextEnd = end + 2 * size;
            if (nextEnd > warmup - terminalBuffer) {
                end = warmup - terminalBuffer;
            }
            if (i == end - 1) {
                return true;
            }
            if (i < end - 1 || end >= warmup - terminalBuffer) {
                return false;
            }
            start = end;
            size *= 2;
        }
    }
}
