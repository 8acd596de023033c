package dev.amortizer.bench.report;

import dev.amortizer.bench.ShortCount;
import java.util.Locale;

/** Number formats shared by the report's files. */
final class Format {
    private Format() {
    }

    /** 1000 → "1k", 1000000 → "1M", else the number. */
    static String count(long n) {
        return ShortCount.of(n);
    }

    /** Milliseconds with two decimals. */
    static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.2f", 1e3 * seconds);
    }

    /** A number for CSV: plain, locale-free, empty for null. */
    static String csv(Double v) {
        return v == null ? "" : Double.isNaN(v) ? "NaN" : Double.toString(v);
    }

    /** A C2ST with three decimals, or "not scored" where there was no reference to score against (NaN). */
    static String c2st(double v) {
        return Double.isNaN(v) ? "not scored" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Bytes as MiB with one decimal. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
