package dev.amortizer.bench;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Progress bars on stderr for the benchmark's long pieces: only on an interactive terminal, never in CI logs. */
final class ProgressBars {
    private ProgressBars() {
    }

    static boolean enabled() {
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A bar of {@code steps} steps, or null when bars are off (every use is null-safe through {@link #step}). */
    static ProgressBar open(String name, long steps, String unit) {
        if (!enabled()) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName(name).setInitialMax(steps).setUnit(" " + unit, 1)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    static void step(ProgressBar bar, long by) {
        if (bar != null) {
            bar.stepBy(by);
        }
    }

    static void close(ProgressBar bar) {
        if (bar != null) {
            bar.close();
        }
    }
}
