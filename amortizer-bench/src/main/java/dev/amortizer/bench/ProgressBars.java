package dev.amortizer.bench;

/** Whether to draw progress bars: only on an interactive terminal, never in CI logs. */
final class ProgressBars {
    private ProgressBars() {
    }

    static boolean enabled() {
        return System.console() != null && System.getenv("CI") == null;
    }
}
