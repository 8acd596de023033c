package dev.amortizer.bench;

/** Counts as reports write them in names and labels: 1000 → "1k", 1000000 → "1M", else the number. */
public final class ShortCount {
    private ShortCount() {
    }

    public static String of(long n) {
        return n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M"
                : n >= 1000 && n % 1000 == 0 ? n / 1000 + "k" : Long.toString(n);
    }
}
