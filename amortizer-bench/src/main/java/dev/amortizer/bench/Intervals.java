package dev.amortizer.bench;

/** Formatting of bootstrap bounds on N*, where +∞ means "never". */
public final class Intervals {
    private Intervals() {
    }

    public static String format(double bound) {
        return Double.isInfinite(bound) ? "never" : String.format("%.0f", bound);
    }
}
